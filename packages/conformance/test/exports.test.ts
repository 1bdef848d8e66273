import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the published package', () => {
  // publint and attw on the packed package: `pnpm check:packages` (scripts/check-packages.mjs), in `pnpm check`.
  it('exports the library from its entry point', async () => {
    // Resolved through the package's own `exports`, as a consumer would (the build has run before the tests).
    const entry = createRequire(import.meta.url).resolve('@modelspecs/conformance');
    expect(entry).toBe(join(pkgDir, 'dist', 'index.js'));
    const lib = (await import(pathToFileURL(entry).href)) as typeof import('../src/index.js');
    expect(Object.keys(lib)).toEqual(
      expect.arrayContaining([
        'runConformance',
        'checkTarget',
        'planOperations',
        'formatReport',
        'CHECK_NAMES',
      ]),
    );
    expect(lib.CHECK_NAMES).toHaveLength(9);
  });
});
