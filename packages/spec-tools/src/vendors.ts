import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readConfinedFile } from './confined-read.js';
import { SpecError, UsageError } from './errors.js';
import { findRepoRoot } from './root.js';

/** What the repo knows about one vendor without reading its spec: the facts that live beside the spec. */
export interface Vendor {
  /** The one name used everywhere: folder, package suffix, Redocly alias. */
  readonly slug: string;
  /** `@modelspecs/spec-<slug>` */
  readonly specPackage: string;
  /** `@modelspecs/<slug>` */
  readonly clientPackage: string;
  /** `specs/<slug>` (absolute). */
  readonly dir: string;
  /** `specs/<slug>/openapi.yaml` (absolute). */
  readonly specFile: string;
  /** Environment variable the clients and the conformance checker read the API key from. */
  readonly envVar: string;
  /** Default port of the vendor's mock server. */
  readonly mockPort: number;
}

const ENV_VAR = /^[A-Z][A-Z0-9_]*$/;

function readVendor(root: string, slug: string): Vendor {
  const dir = join(root, 'specs', slug);
  const manifestPath = join(dir, 'package.json');
  const where = relative(root, manifestPath);
  let manifest: { name?: unknown; modelspecs?: { envVar?: unknown; mockPort?: unknown } };
  let text: string;
  try {
    // The manifest belongs to the spec's folder and is as untrusted: a link to a file elsewhere is refused.
    text = readConfinedFile(manifestPath, { folder: dir, show: (p) => relative(root, p) });
  } catch (error) {
    throw new SpecError(`${where}: cannot read the spec package manifest: ${(error as Error).message}`);
  }
  try {
    manifest = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the error: say where instead, without quoting the file.
    throw new SpecError(`${where}: the spec package manifest is not valid JSON`);
  }
  const problems: string[] = [];
  if (manifest.name !== `@modelspecs/spec-${slug}`) {
    problems.push(`${where}: "name" must be "@modelspecs/spec-${slug}" (the folder is ${slug})`);
  }
  const { envVar, mockPort } = manifest.modelspecs ?? {};
  if (typeof envVar !== 'string' || !ENV_VAR.test(envVar)) {
    problems.push(
      `${where}: "modelspecs.envVar" must be an upper-case environment variable name, e.g. "ACME_API_KEY"`,
    );
  }
  if (typeof mockPort !== 'number' || !Number.isInteger(mockPort) || mockPort < 1 || mockPort > 65535) {
    problems.push(`${where}: "modelspecs.mockPort" must be an integer port between 1 and 65535`);
  }
  if (problems.length > 0) throw new SpecError(`Invalid spec package ${slug}`, problems);
  return {
    slug,
    specPackage: `@modelspecs/spec-${slug}`,
    clientPackage: `@modelspecs/${slug}`,
    dir,
    specFile: join(dir, 'openapi.yaml'),
    envVar: envVar as string,
    mockPort: mockPort as number,
  };
}

/** Every vendor of the workspace, discovered from `specs/*` and sorted by mock port. */
export function discoverVendors(root: string = findRepoRoot()): Vendor[] {
  const specsDir = join(root, 'specs');
  const slugs = readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  const vendors = slugs.map((slug) => readVendor(root, slug)).sort((a, b) => a.mockPort - b.mockPort);
  const clash = vendors.find((v, i) => vendors.some((w, j) => j < i && w.mockPort === v.mockPort));
  if (clash) {
    throw new SpecError(
      `specs/${clash.slug}/package.json: "modelspecs.mockPort" ${clash.mockPort} is already used by another vendor; pick a free port`,
    );
  }
  return vendors;
}

/** One vendor by slug; an unknown slug is a usage error that lists the known ones. */
export function getVendor(slug: string, root: string = findRepoRoot()): Vendor {
  const vendors = discoverVendors(root);
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
  root: string = findRepoRoot(),
): Vendor[] {
  const vendors = discoverVendors(root);
  const wanted = (typeof list === 'string' ? list.split(',') : (list ?? []))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (wanted.length === 0) return vendors;
  const unknown = wanted.filter((slug) => !vendors.some((v) => v.slug === slug));
  if (unknown.length > 0) {
    throw new UsageError(
      `--vendor: unknown vendor ${unknown.map((s) => `"${s}"`).join(', ')}. Known vendors: ${vendors.map((v) => v.slug).join(', ')}.`,
    );
  }
  return vendors.filter((v) => wanted.includes(v.slug));
}
