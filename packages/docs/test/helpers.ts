import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSpec, type OpenApiDocument } from '@modelspecs/spec-tools';

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const acmeVendor = { slug: 'acme', envVar: 'ACME_API_KEY', mockPort: 4999 } as const;

export function loadFixture(file: string): Promise<OpenApiDocument> {
  return bundleSpec(join(fixtures, file), fixtures);
}

/** A throwaway workspace whose only vendor is the "acme" fixture, with the repo's redocly.yaml. */
export function tempWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'modelspecs-docs-test-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - specs/*\n');
  cpSync(join(repoRoot, 'redocly.yaml'), join(root, 'redocly.yaml'));
  mkdirSync(join(root, 'specs'), { recursive: true });
  cpSync(join(fixtures, 'acme'), join(root, 'specs', 'acme'), { recursive: true });
  return root;
}
