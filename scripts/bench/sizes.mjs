// Bundle size of each vendor client against openapi-fetch alone and the openai SDK: each entry bundled by esbuild
// (ESM, minified, platform neutral), then gzipped at level 9.
//   node scripts/bench/sizes.mjs
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { figure, resolveFrom, vendorSlugs } from './lib.mjs';

const command = 'node scripts/bench/sizes.mjs';
const method =
  'esbuild --bundle --minify --format=esm --platform=neutral (node builtins external), then gzip -9';

async function bundledBytes(build, contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

export async function measureSizes() {
  const { build } = await import(pathToFileURL(resolveFrom('packages/client-runtime', 'esbuild')).href);
  const entries = [
    ...vendorSlugs().map((slug) => ({
      id: `size.${slug}`,
      label: `@modelspecs/${slug} (client, runtime, openapi-fetch)`,
      contents: `export * from '@modelspecs/${slug}';`,
      dir: join('packages', slug),
    })),
    {
      id: 'size.openapi-fetch',
      label: 'openapi-fetch alone',
      contents: "export { default } from 'openapi-fetch';",
      dir: 'packages/client-runtime',
    },
    {
      id: 'size.openai',
      label: 'openai SDK',
      contents: "export { default } from 'openai';",
      dir: 'packages/mock',
    },
  ];
  const sizes = [];
  for (const entry of entries) {
    sizes.push({
      ...entry,
      bytes: await bundledBytes(
        build,
        entry.contents,
        resolveFrom(entry.dir, './package.json').replace(/package\.json$/, ''),
      ),
    });
  }
  const base = sizes.find((s) => s.id === 'size.openapi-fetch').bytes;
  return sizes.map((s) =>
    figure(s.id, `bundle, ${s.label}`, s.bytes, 'B min+gz', {
      note: `${(s.bytes / base).toFixed(2)}x openapi-fetch alone`,
      method,
      command,
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await measureSizes())
    console.log(`${f.label.padEnd(56)} ${String(f.value).padStart(7)} ${f.unit}  ${f.note}`);
}
