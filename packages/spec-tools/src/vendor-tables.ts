import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { specPackageFacts } from './bundle.js';
import { clientEntryNames } from './client-entry.js';
import { SpecError } from './errors.js';
import { bundleSpec } from './load.js';
import type { OpenApiDocument } from './openapi.js';
import { discoverVendors, type Vendor } from './vendors.js';
import { type OutputFile, writeFilesAtomically } from './write.js';

/** One vendor as the tables show it: the facts beside its spec and the spec itself. */
interface VendorEntry {
  vendor: Vendor;
  doc: OpenApiDocument;
}

/** A generated block of a Markdown file: the text between `<!-- name -->` and `<!-- /name -->`. */
interface Block {
  file: string;
  name: string;
  body: string;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const code = (text: string) => `\`${text}\``;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');
}

/** README.md: every vendor, its spec, its client package, its key and where its mock answers. */
function overview(entries: readonly VendorEntry[]): string {
  return table(
    ['vendor', 'spec', 'client', 'API key env var', 'local mock'],
    entries.map(({ vendor, doc }) => {
      const facts = specPackageFacts(doc, vendor);
      return [
        facts.vendor,
        `[${code(`specs/${vendor.slug}`)}](specs/${vendor.slug}/openapi.yaml)`,
        `[${code(vendor.clientPackage)}](packages/${vendor.slug})`,
        code(vendor.envVar),
        // The mock serves the spec's paths under its server's base path, on loopback.
        `http://127.0.0.1:${vendor.mockPort}${URL.canParse(facts.baseUrl) ? new URL(facts.baseUrl).pathname.replace(/\/+$/, '') : ''}`,
      ];
    }),
  );
}

/** CONTRIBUTING.md: the pages each spec was written from (`info.x-origin`). */
function origins(entries: readonly VendorEntry[]): string {
  return table(
    ['spec', 'vendor', 'written from (`x-origin`)'],
    entries.map(({ vendor, doc }) => {
      const origin = doc.info['x-origin'];
      const urls = (Array.isArray(origin) ? origin : [])
        .map((entry) => (entry as { url?: unknown })?.url)
        .filter((url): url is string => typeof url === 'string');
      return [
        code(`specs/${vendor.slug}`),
        specPackageFacts(doc, vendor).vendor,
        urls.join(', ') || '(none declared)',
      ];
    }),
  );
}

/** packages/<slug>/README.md: what the generated entry exports, by name. */
function exportsOf({ vendor, doc }: VendorEntry): string {
  const names = clientEntryNames(doc, vendor);
  const named =
    names.types.length > 0
      ? `, and named types for the main objects: ${names.types.map(([alias]) => code(alias)).join(', ')}`
      : '';
  return (
    `Besides ${code(names.factory)}, ${code('unwrap')} and ${code('ApiError')}, the package exports the generated ` +
    `${code('paths')}, ${code('components')} and ${code('operations')} types, ${code(names.options)}, ` +
    `${code(names.client)}, the vendor facts read from the spec (${code('vendor')})${named}. A wrong path, a ` +
    'misspelt parameter or body field, or a value of the wrong type fails to compile.'
  );
}

/** Every generated block of the repository's Markdown, from the specs and the facts beside them. */
function vendorBlocks(root: string, entries: readonly VendorEntry[]): Block[] {
  return [
    { file: join(root, 'README.md'), name: 'vendors', body: overview(entries) },
    { file: join(root, 'CONTRIBUTING.md'), name: 'vendor-origins', body: origins(entries) },
    ...entries
      .map((entry) => ({
        file: join(root, 'packages', entry.vendor.slug, 'README.md'),
        name: 'vendor-exports',
        body: exportsOf(entry),
      }))
      .filter((block) => existsSync(block.file)),
  ];
}

const markers = (name: string) => ({ start: `<!-- ${name} -->`, end: `<!-- /${name} -->` });

/** `text` with each of its blocks replaced; a block whose markers are missing is an error naming file and markers. */
function fillBlocks(root: string, file: string, text: string, blocks: readonly Block[]): string {
  let filled = text;
  for (const block of blocks) {
    const { start, end } = markers(block.name);
    const from = filled.indexOf(start);
    const to = filled.indexOf(end, from + start.length);
    if (from < 0 || to < 0) {
      throw new SpecError(
        `${relative(root, file)}: no ${start} ... ${end} block; put the two markers, each on its own line, where the generated text goes`,
      );
    }
    filled = `${filled.slice(0, from + start.length)}\n${block.body}\n${filled.slice(to)}`;
  }
  return filled;
}

/**
 * The vendor tables of README.md and CONTRIBUTING.md and the export list of each client package's README, between
 * their markers. With `check`, writes nothing and returns the files whose blocks are stale; otherwise rewrites them.
 */
export async function updateVendorTables(
  root: string,
  options: { check?: boolean } = {},
): Promise<{ files: string[]; stale: string[] }> {
  const entries: VendorEntry[] = [];
  for (const vendor of discoverVendors(root)) {
    entries.push({ vendor, doc: await bundleSpec(vendor.specFile, root) });
  }
  const blocks = vendorBlocks(root, entries);
  const outputs: OutputFile[] = [...new Set(blocks.map((b) => b.file))].map((file) => ({
    path: file,
    content: fillBlocks(
      root,
      file,
      readFileSync(file, 'utf8'),
      blocks.filter((b) => b.file === file),
    ),
  }));
  const files = outputs.map((o) => relative(root, o.path));
  const stale = outputs
    .filter((o) => readFileSync(o.path, 'utf8') !== o.content)
    .map((o) => relative(root, o.path));
  if (!options.check) writeFilesAtomically(outputs.filter((o) => stale.includes(relative(root, o.path))));
  return { files, stale };
}
