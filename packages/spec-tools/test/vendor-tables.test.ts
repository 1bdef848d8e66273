import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateVendorTables } from '../src/vendor-tables.js';
import { tempWorkspace } from './helpers.js';

function workspace(contributing = 'Today:\n\n<!-- vendor-origins -->\nold\n<!-- /vendor-origins -->\n') {
  const { root } = tempWorkspace('valid.yaml', {
    name: '@modelspecs/spec-acme',
    modelspecs: { envVar: 'ACME_API_KEY', mockPort: 4999, clientName: 'Acme', namedTypes: ['Model'] },
  });
  writeFileSync(join(root, 'README.md'), '# x\n\n<!-- vendors -->\n| old |\n<!-- /vendors -->\n\nprose\n');
  writeFileSync(join(root, 'CONTRIBUTING.md'), contributing);
  mkdirSync(join(root, 'packages', 'acme'), { recursive: true });
  writeFileSync(
    join(root, 'packages', 'acme', 'README.md'),
    '## Types\n\n<!-- vendor-exports -->\n<!-- /vendor-exports -->\n',
  );
  return root;
}

describe('the generated vendor tables', () => {
  it('reports stale tables without writing, then rewrites only the text between the markers', async () => {
    const root = workspace();
    const before = readFileSync(join(root, 'README.md'), 'utf8');
    expect((await updateVendorTables(root, { check: true })).stale).toEqual([
      'README.md',
      'CONTRIBUTING.md',
      'packages/acme/README.md',
    ]);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(before);

    await updateVendorTables(root);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# x\n\n<!-- vendors -->\n\| vendor \| spec \| client \|/);
    expect(readme).toContain(
      '| Acme | [`specs/acme`](specs/acme/openapi.yaml) | [`@modelspecs/acme`](packages/acme) | `ACME_API_KEY` | http://127.0.0.1:4999/v1 |',
    );
    expect(readme.endsWith('<!-- /vendors -->\n\nprose\n')).toBe(true);
    expect(readFileSync(join(root, 'packages', 'acme', 'README.md'), 'utf8')).toContain(
      'Besides `createAcmeClient`, `unwrap` and `ApiError`',
    );
    expect(readFileSync(join(root, 'packages', 'acme', 'README.md'), 'utf8')).toContain('`AcmeModel`');
    expect((await updateVendorTables(root, { check: true })).stale).toEqual([]);
  });

  it('names the file and the markers when a block is missing, and writes nothing', async () => {
    const root = workspace('no markers here\n');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    await expect(updateVendorTables(root)).rejects.toThrow(
      /^CONTRIBUTING\.md: no <!-- vendor-origins --> \.\.\. <!-- \/vendor-origins --> block/,
    );
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(readme);
  });
});
