// What other packages rely on: scripts/start.mjs imports serveDocs() through this package's "exports".
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the package entry point', () => {
  // publint and attw on the packed package: `pnpm check:packages` (scripts/check-packages.mjs), in `pnpm check`.
  it('exports serveDocs, buildSite and the portal generator from the built library', async () => {
    const entry = createRequire(import.meta.url).resolve('@modelspecs/docs');
    expect(entry).toBe(join(packageDir, 'lib', 'index.js'));
    const lib = (await import(pathToFileURL(entry).href)) as typeof import('../src/index.js');
    expect(typeof lib.serveDocs).toBe('function');
    expect(typeof lib.buildSite).toBe('function');
    expect(typeof lib.renderPortal).toBe('function');
    expect(typeof lib.modelDimensions).toBe('function');
  });
});
