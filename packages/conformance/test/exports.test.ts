import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the published package', () => {
  it('passes publint (exports with types first, ESM, bin and files that exist)', async () => {
    const { messages, pkg } = await publint({ pkgDir, level: 'suggestion', pack: false });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });

  it('exports the library from its entry point', async () => {
    const lib = await import('@modelspecs/conformance');
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
