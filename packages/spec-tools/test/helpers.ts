import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const fixtures: string = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * The checkout: the nearest folder above the tests that holds pnpm-workspace.yaml. Found, not counted: mutation
 * testing runs these tests from a copy of the package under packages/spec-tools/.stryker-tmp/.
 */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
})();

// The folders a test file made are removed after its tests (this module is evaluated once per test file).
// Not testkit's tempFolder: testkit depends on spec-tools.
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A new folder in the system temporary folder, removed after the test file. */
export function tempFolder(prefix = 'modelspecs-spec-tools-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** A throwaway workspace with one vendor "acme" whose spec is the given fixture, removed after the test file. */
export function tempWorkspace(
  fixture = 'valid.yaml',
  manifest: Record<string, unknown> = {
    name: '@modelspecs/spec-acme',
    modelspecs: { envVar: 'ACME_API_KEY', mockPort: 4999, clientName: 'Acme' },
  },
): { root: string; specDir: string } {
  const root = tempFolder();
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - specs/*\n');
  cpSync(join(repoRoot, 'redocly.yaml'), join(root, 'redocly.yaml'));
  const specDir = join(root, 'specs', 'acme');
  mkdirSync(specDir, { recursive: true });
  cpSync(join(fixtures, fixture), join(specDir, 'openapi.yaml'));
  writeFileSync(join(specDir, 'package.json'), JSON.stringify(manifest));
  return { root, specDir };
}
