import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { readConfinedFile } from './confined-read.js';
import { SpecError, UsageError } from './errors.js';
import { checkoutAround, findRepoRoot } from './root.js';

/** What the repo knows about one vendor without reading its spec: the facts that live beside the spec. */
export interface Vendor {
  /** The one name used everywhere: folder, package suffix, Redocly alias. */
  readonly slug: string;
  /** `@modelspecs/spec-<slug>` */
  readonly specPackage: string;
  /** `@modelspecs/<slug>` */
  readonly clientPackage: string;
  /** `specs/<slug>` (absolute), or the installed spec package's folder. */
  readonly dir: string;
  /** `specs/<slug>/openapi.yaml` (absolute), or the installed package's bundled `dist/openapi.json`. */
  readonly specFile: string;
  /** Environment variable the clients and the conformance checker read the API key from. */
  readonly envVar: string;
  /** Default port of the vendor's mock server. */
  readonly mockPort: number;
  /**
   * The vendor's name in its client package's identifiers (`create<clientName>Client`, `<clientName>Model`); a spec
   * package without a client package may leave it out, the client generator requires it.
   */
  readonly clientName?: string;
  /** The spec's schemas the client package exports under a name of their own, `<clientName><schema>`. */
  readonly namedTypes: readonly string[];
}

const ENV_VAR = /^[A-Z][A-Z0-9_]*$/;
const CLIENT_NAME = /^[A-Z][A-Za-z0-9]*$/;
const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface SpecManifest {
  name?: unknown;
  dependencies?: Record<string, string>;
  modelspecs?: { envVar?: unknown; mockPort?: unknown; clientName?: unknown; namedTypes?: unknown };
}

function readManifest(manifestPath: string, where: string): SpecManifest {
  let text: string;
  try {
    // The manifest belongs to the spec's folder and is as untrusted: a link to a file elsewhere is refused.
    text = readConfinedFile(manifestPath, {
      folder: dirname(manifestPath),
      show: (p) => (p === manifestPath ? where : p === dirname(manifestPath) ? dirname(where) : p),
    });
  } catch (error) {
    throw new SpecError(`${where}: cannot read the spec package manifest: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the error: say where instead, without quoting the file.
    throw new SpecError(`${where}: the spec package manifest is not valid JSON`);
  }
}

/** A vendor from its spec package folder: the checkout's `specs/<slug>` or an installed `@modelspecs/spec-<slug>`. */
function readVendorPackage(dir: string, slug: string, specFile: string, where: string): Vendor {
  const manifest = readManifest(join(dir, 'package.json'), where);
  const problems: string[] = [];
  if (manifest.name !== `@modelspecs/spec-${slug}`) {
    problems.push(`${where}: "name" must be "@modelspecs/spec-${slug}" (the folder is ${slug})`);
  }
  const { envVar, mockPort, clientName, namedTypes = [] } = manifest.modelspecs ?? {};
  if (typeof envVar !== 'string' || !ENV_VAR.test(envVar)) {
    problems.push(
      `${where}: "modelspecs.envVar" must be an upper-case environment variable name, e.g. "ACME_API_KEY"`,
    );
  }
  if (typeof mockPort !== 'number' || !Number.isInteger(mockPort) || mockPort < 1 || mockPort > 65535) {
    problems.push(`${where}: "modelspecs.mockPort" must be an integer port between 1 and 65535`);
  }
  if (clientName !== undefined && (typeof clientName !== 'string' || !CLIENT_NAME.test(clientName))) {
    problems.push(
      `${where}: "modelspecs.clientName" must be the vendor's name as it reads in identifiers (letters and digits, upper-case first), e.g. "Acme" for createAcmeClient`,
    );
  }
  if (
    !Array.isArray(namedTypes) ||
    !namedTypes.every((name) => typeof name === 'string' && TYPE_NAME.test(name)) ||
    new Set(namedTypes).size !== namedTypes.length
  ) {
    problems.push(
      `${where}: "modelspecs.namedTypes" must be a list of distinct schema names of the spec (components.schemas), e.g. ["Model", "Error"]`,
    );
  }
  if (problems.length > 0) throw new SpecError(`Invalid spec package ${slug}`, problems);
  return {
    slug,
    specPackage: `@modelspecs/spec-${slug}`,
    clientPackage: `@modelspecs/${slug}`,
    dir,
    specFile,
    envVar: envVar as string,
    mockPort: mockPort as number,
    ...(clientName === undefined ? {} : { clientName: clientName as string }),
    namedTypes: namedTypes as string[],
  };
}

function readVendor(root: string, slug: string): Vendor {
  const dir = join(root, 'specs', slug);
  return readVendorPackage(dir, slug, join(dir, 'openapi.yaml'), relative(root, join(dir, 'package.json')));
}

function sortAndCheckPorts(vendors: Vendor[], where: (vendor: Vendor) => string): Vendor[] {
  vendors.sort((a, b) => a.mockPort - b.mockPort);
  const clash = vendors.find((v, i) => vendors.some((w, j) => j < i && w.mockPort === v.mockPort));
  if (clash) {
    throw new SpecError(
      `${where(clash)}: "modelspecs.mockPort" ${clash.mockPort} is already used by another vendor; pick a free port`,
    );
  }
  return vendors;
}

/** Every vendor of the workspace, discovered from `specs/*` and sorted by mock port. */
export function discoverVendors(root: string = findRepoRoot()): Vendor[] {
  const specsDir = join(root, 'specs');
  const slugs = readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  return sortAndCheckPorts(
    slugs.map((slug) => readVendor(root, slug)),
    (v) => `specs/${v.slug}/package.json`,
  );
}

// `@modelspecs/spec-tools` is the reader, not a spec.
const SPEC_PACKAGE = /^@modelspecs\/spec-(?!tools$)([a-z0-9-]+)$/;

/**
 * The vendors whose spec packages (`@modelspecs/spec-<slug>`) the package at `packageDir` depends on, read from
 * where they are installed: their manifest's facts and their bundled `dist/openapi.json`.
 */
export function installedVendors(packageDir: string): Vendor[] {
  const manifestPath = join(packageDir, 'package.json');
  const manifest = readManifest(manifestPath, manifestPath);
  const require = createRequire(manifestPath);
  const vendors = Object.keys(manifest.dependencies ?? {}).flatMap((name) => {
    const slug = SPEC_PACKAGE.exec(name)?.[1];
    if (!slug) return [];
    let specManifest: string;
    try {
      specManifest = require.resolve(`${name}/package.json`);
    } catch {
      throw new UsageError(
        `${name} is not installed beside ${manifestPath}: reinstall it (npm install ${name}).`,
      );
    }
    const dir = dirname(specManifest);
    return [readVendorPackage(dir, slug, join(dir, 'dist', 'openapi.json'), specManifest)];
  });
  return sortAndCheckPorts(vendors, (v) => join(v.dir, 'package.json'));
}

/**
 * The vendor whose spec package holds `specFile`: the `package.json` beside it, as `discoverVendors` reads it (the
 * folder's name is the slug). Undefined when no manifest is there (a spec linted on its own, outside a spec package).
 */
export function vendorBesideSpec(specFile: string, displayRoot: string = process.cwd()): Vendor | undefined {
  const dir = dirname(specFile);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const where = relative(displayRoot, manifest);
  return readVendorPackage(dir, basename(dir), specFile, where && !where.startsWith('..') ? where : manifest);
}

/** Where a tool found its vendors, and the folder its messages name files from. */
export interface VendorCatalog {
  vendors: Vendor[];
  displayRoot: string;
}

/**
 * The vendors a tool serves. `root` (or `MODELSPECS_ROOT`) names a checkout; otherwise a tool that runs from a
 * modelspecs checkout uses that working tree's specs, and an installed tool (its `packageDir` is not in a
 * checkout) the spec packages it depends on. The user's working folder plays no part: their own repository may
 * well have a `specs/` folder of its own.
 */
export function vendorCatalog(packageDir: string, root?: string): VendorCatalog {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: the same override findRepoRoot reads, kept out of turbo tasks on purpose (see root.ts).
  const checkout = root ?? (process.env.MODELSPECS_ROOT ? findRepoRoot() : checkoutAround(packageDir));
  if (checkout !== undefined) return { vendors: discoverVendors(checkout), displayRoot: checkout };
  return { vendors: installedVendors(packageDir), displayRoot: process.cwd() };
}

/**
 * A vendor for a spec file given by path (`--spec`), outside the catalog: its slug is the file's name (or its
 * folder's, for `openapi.yaml`), its key comes from `MODELSPECS_API_KEY`. It has no spec or client package.
 */
export function specFileVendor(file: string, defaultPort = 4010): Vendor {
  const specFile = resolve(file);
  const stem = basename(specFile).replace(/\.(ya?ml|json)$/i, '');
  const named = stem.toLowerCase() === 'openapi' ? basename(dirname(specFile)) : stem;
  const slug =
    named
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'api';
  return {
    slug,
    specPackage: '',
    clientPackage: '',
    dir: dirname(specFile),
    specFile,
    envVar: 'MODELSPECS_API_KEY',
    mockPort: defaultPort,
    namedTypes: [],
  };
}

/** One vendor by slug; an unknown slug is a usage error that lists the known ones. */
export function getVendor(slug: string, root: string | readonly Vendor[] = findRepoRoot()): Vendor {
  const vendors = typeof root === 'string' ? discoverVendors(root) : root;
  const vendor = vendors.find((v) => v.slug === slug);
  if (!vendor) {
    throw new UsageError(
      `Unknown vendor "${slug}". Known vendors: ${vendors.map((v) => v.slug).join(', ')}.`,
    );
  }
  return vendor;
}

/**
 * Parses a comma-separated `--vendor` list (empty or undefined = all vendors), keeping discovery order.
 * Unknown slugs are a usage error naming the flag.
 */
export function selectVendors(
  list: string | readonly string[] | undefined,
  root: string | readonly Vendor[] = findRepoRoot(),
): Vendor[] {
  const vendors = typeof root === 'string' ? discoverVendors(root) : root;
  const wanted = (typeof list === 'string' ? list.split(',') : (list ?? []))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (wanted.length === 0) return [...vendors];
  const unknown = wanted.filter((slug) => !vendors.some((v) => v.slug === slug));
  if (unknown.length > 0) {
    throw new UsageError(
      `--vendor: unknown vendor ${unknown.map((s) => `"${s}"`).join(', ')}. Known vendors: ${vendors.map((v) => v.slug).join(', ')}.`,
    );
  }
  return vendors.filter((v) => wanted.includes(v.slug));
}
