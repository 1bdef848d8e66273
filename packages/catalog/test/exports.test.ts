// What the package publishes: checked the way a consumer resolves it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readmeProblems } from '@modelspecs/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the published package', () => {
  // publint and attw on the packed package: `pnpm check:packages` (scripts/check-packages.mjs), in `pnpm check`.
  it('has a README whose TypeScript examples compile', { timeout: 300_000 }, () => {
    expect(readmeProblems(packageDir)).toEqual([]);
  });

  it('exports listCatalog and ships the models.dev schema', async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@modelspecs/catalog');
    expect(entry).toBe(join(packageDir, 'dist', 'index.js'));
    const lib = (await import(pathToFileURL(entry).href)) as typeof import('../src/index.js');
    expect(typeof lib.listCatalog).toBe('function');
    expect(require.resolve('@modelspecs/catalog/models-dev.schema.json')).toBe(
      join(packageDir, 'schema', 'models-dev-api.schema.json'),
    );
  });
});
