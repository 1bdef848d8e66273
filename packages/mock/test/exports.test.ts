// What the package publishes: checked the way a consumer resolves it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageDir } from './support/helpers.js';

describe('the published package', () => {
  // publint and attw on the packed package: `pnpm check:packages` (scripts/check-packages.mjs), in `pnpm check`.
  it('exports startMocks and its helpers from the entry point', async () => {
    const entry = createRequire(import.meta.url).resolve('@modelspecs/mock');
    expect(entry).toBe(join(packageDir, 'dist', 'index.js'));
    const lib = (await import(pathToFileURL(entry).href)) as typeof import('../src/index.js');
    expect(typeof lib.startMocks).toBe('function');
    expect(typeof lib.formatMockTable).toBe('function');
    expect(Object.keys(lib)).toEqual(
      expect.arrayContaining(['PortInUseError', 'MockStartError', 'mockArgOptions']),
    );
  });
});
