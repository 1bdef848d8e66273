// What the package publishes: checked the way a consumer resolves it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { packageDir } from './support/helpers.js';

describe('the published package', () => {
  it('passes publint (exports with types first, ESM, bin and files that exist)', async () => {
    const { messages, pkg } = await publint({ pkgDir: packageDir, level: 'suggestion', pack: false });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });

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
