import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSpec, type OpenApiDocument } from '@modelspecs/spec-tools';
import type { PortalData } from '../src/build.js';
import { summarizeVendor } from '../src/vendor-summary.js';

export const fixtures: string = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const repoRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const acmeVendor = { slug: 'acme', envVar: 'ACME_API_KEY', mockPort: 4999 } as const;

export function loadFixture(file: string): Promise<OpenApiDocument> {
  return bundleSpec(join(fixtures, file), fixtures);
}

/** A throwaway workspace whose vendors are the given fixture folders ("acme" alone by default), with the repo's redocly.yaml. */
export function tempWorkspace(vendors: readonly string[] = ['acme']): string {
  const root = mkdtempSync(join(tmpdir(), 'modelspecs-docs-test-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - specs/*\n');
  cpSync(join(repoRoot, 'redocly.yaml'), join(root, 'redocly.yaml'));
  mkdirSync(join(root, 'specs'), { recursive: true });
  for (const slug of vendors) cpSync(join(fixtures, slug), join(root, 'specs', slug), { recursive: true });
  return root;
}

/** A rendered site in miniature: the portal data of the fixture and a stand-in reference page. */
export async function fakeSite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'modelspecs-docs-serve-'));
  const data: PortalData = { vendors: [summarizeVendor(await loadFixture('acme/openapi.yaml'), acmeVendor)] };
  writeFileSync(join(dir, 'portal.json'), JSON.stringify(data));
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><title>stale portal</title>');
  mkdirSync(join(dir, 'acme'));
  writeFileSync(join(dir, 'acme', 'index.html'), '<!DOCTYPE html><title>acme reference</title>');
  writeFileSync(join(dir, 'acme', 'acme.openapi.yaml'), 'openapi: 3.1.0\n');
  return dir;
}
