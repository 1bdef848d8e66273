import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  discoverVendors,
  findRepoRoot,
  type OutputFile,
  selectVendors,
  serializeBundle,
  type Vendor,
  writeFilesAtomically,
} from '@modelspecs/spec-tools';
import { COMPARE_PAGE, renderComparePage } from './compare.js';
import { specDownloads } from './downloads.js';
import { renderPortal } from './portal.js';
import { renderReference } from './reference.js';
import { summarizeVendor, type VendorSummary } from './vendor-summary.js';

/** `packages/docs/dist`: where `pnpm turbo run docs` renders the site. */
export const DEFAULT_SITE_DIR: string = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The portal's data, written next to it so a server can re-render the portal with other mock addresses. */
export const PORTAL_DATA_FILE = 'portal.json';

export interface PortalData {
  vendors: VendorSummary[];
}

export interface BuildSiteOptions {
  /** The workspace root (default: found from the working directory). */
  root?: string;
  /** Where to write the site (default: packages/docs/dist). */
  outDir?: string;
  /** Comma-separated slugs or a list; all vendors when empty. */
  vendors?: string | readonly string[];
  /** Progress lines (one per rendered vendor). */
  log?: (line: string) => void;
}

export interface BuiltSite {
  outDir: string;
  /** The vendors rendered by this build. */
  vendors: VendorSummary[];
  /** Every file written, relative to `outDir`. */
  files: string[];
}

interface RenderedVendor {
  summary: VendorSummary;
  files: OutputFile[];
}

async function renderVendor(
  vendor: Vendor,
  root: string,
  outDir: string,
  scratch: string,
): Promise<RenderedVendor> {
  const doc = await bundleSpec(vendor.specFile, root);
  const { json, yaml } = serializeBundle(doc);
  const summary = summarizeVendor(doc, vendor);
  const bundleFile = join(scratch, `${vendor.slug}.openapi.yaml`);
  writeFileSync(bundleFile, yaml);
  const html = await renderReference(bundleFile, {
    root,
    title: `${summary.name} API reference · modelspecs`,
    output: join(scratch, `${vendor.slug}.html`),
    label: relative(root, vendor.specFile),
    slug: vendor.slug,
  });
  const dir = join(outDir, vendor.slug);
  const downloads = specDownloads(vendor.slug);
  return {
    summary,
    files: [
      { path: join(dir, 'index.html'), content: html },
      { path: join(dir, downloads.yaml), content: yaml },
      { path: join(dir, downloads.json), content: json },
    ],
  };
}

/** Runs `task` over `items` with at most `limit` running at once, keeping the order of the results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The vendors the portal lists after a build: all of them after a full build; after a build of some vendors,
 * those fresh summaries plus the previous build's summaries of the others that still exist (discovery order).
 */
function portalVendors(
  fresh: readonly VendorSummary[],
  all: readonly Vendor[],
  outDir: string,
  partial: boolean,
): VendorSummary[] {
  const previous = new Map<string, VendorSummary>();
  const dataFile = join(outDir, PORTAL_DATA_FILE);
  if (partial && existsSync(dataFile)) {
    try {
      const data = JSON.parse(readFileSync(dataFile, 'utf8')) as Partial<PortalData>;
      for (const summary of Array.isArray(data.vendors) ? data.vendors : [])
        previous.set(summary.slug, summary);
    } catch {
      // An unreadable portal data file is replaced by the vendors just built.
    }
  }
  for (const summary of fresh) previous.set(summary.slug, summary);
  return all.map((v) => previous.get(v.slug)).filter((s): s is VendorSummary => s !== undefined);
}

/** Vendor folders a previous build left behind for vendors that no longer exist. */
function staleVendorDirs(outDir: string, current: readonly string[]): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !current.includes(entry.name))
    .filter((entry) => existsSync(join(outDir, entry.name, 'index.html')))
    .map((entry) => join(outDir, entry.name));
}

/** Files a previous build left in the folders just rendered (e.g. downloads under an older name). */
function staleFiles(written: readonly OutputFile[], dirs: readonly string[]): string[] {
  const kept = new Set(written.map((file) => file.path));
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isFile() && !kept.has(join(dir, entry.name)))
          .map((entry) => join(dir, entry.name))
      : [],
  );
}

/**
 * Renders the site: `<slug>/index.html` (the Redoc reference), `<slug>/<slug>.openapi.{yaml,json}` (the bundled spec) for
 * every vendor, and the portal `index.html` (+ its data). All files are written together or none is.
 */
export async function buildSite(options: BuildSiteOptions = {}): Promise<BuiltSite> {
  const root = options.root ?? findRepoRoot();
  const outDir = options.outDir ?? DEFAULT_SITE_DIR;
  const vendors = selectVendors(options.vendors, root);
  const all = discoverVendors(root);
  const partial = vendors.length < all.length;
  const scratch = mkdtempSync(join(tmpdir(), 'modelspecs-docs-'));
  try {
    const rendered = await mapLimited(vendors, 2, async (vendor) => {
      const result = await renderVendor(vendor, root, outDir, scratch);
      options.log?.(`rendered ${relative(root, vendor.specFile)} -> ${vendor.slug}/index.html`);
      return result;
    });
    const summaries = portalVendors(
      rendered.map((r) => r.summary),
      all,
      outDir,
      partial,
    );
    const data: PortalData = { vendors: summaries };
    const files: OutputFile[] = [
      ...rendered.flatMap((r) => r.files),
      { path: join(outDir, 'index.html'), content: renderPortal(summaries) },
      { path: join(outDir, COMPARE_PAGE), content: renderComparePage(summaries) },
      { path: join(outDir, PORTAL_DATA_FILE), content: `${JSON.stringify(data, null, 2)}\n` },
    ];
    writeFilesAtomically(files);
    for (const file of staleFiles(
      files,
      vendors.map((v) => join(outDir, v.slug)),
    ))
      rmSync(file, { force: true });
    if (!partial) {
      for (const dir of staleVendorDirs(
        outDir,
        all.map((v) => v.slug),
      ))
        rmSync(dir, { recursive: true, force: true });
    }
    return {
      outDir,
      vendors: rendered.map((r) => r.summary),
      files: files.map((f) => relative(outDir, f.path)),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
