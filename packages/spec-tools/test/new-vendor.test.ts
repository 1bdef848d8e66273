import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEntryNames } from '../src/client-entry.js';
import { UsageError } from '../src/errors.js';
import { bundleSpec } from '../src/load.js';
import { type NewVendorOptions, scaffoldVendor } from '../src/new-vendor.js';
import { discoverVendors } from '../src/vendors.js';
import { tempWorkspace } from './helpers.js';

const options: NewVendorOptions = {
  slug: 'beta-cloud',
  name: 'Beta Cloud',
  envVar: 'BETA_CLOUD_API_KEY',
  port: 4998,
  baseUrl: 'https://api.beta.test/v1',
};
const tree = (root: string) => readdirSync(root, { recursive: true }).map(String).sort();

describe('pnpm new-vendor', () => {
  it.each([
    [{ slug: 'acme' }, /<slug> "acme": specs\/acme or packages\/acme already exists/],
    [{ slug: 'Beta_Cloud' }, /<slug> "Beta_Cloud": use lower-case letters/],
    [{ port: 4999 }, /--port 4999: already the mock port of acme/],
    [{ port: 80 }, /--port 80: give the mock's port/],
    [{ envVar: 'beta' }, /--env-var "beta": use an upper-case/],
    [{ name: 'Beta\nCloud' }, /--name "Beta\nCloud": give the vendor's display name/],
    [
      { baseUrl: 'http://api.beta.test' },
      /--base-url "http:\/\/api\.beta\.test": give the vendor's https base URL/,
    ],
    [{ clientName: 'beta' }, /--client-name "beta": use letters and digits/],
  ])('refuses %o with a message naming the flag, writing nothing', (bad, message) => {
    const { root } = tempWorkspace();
    const before = tree(root);
    expect(() => scaffoldVendor(root, { ...options, ...bad })).toThrow(UsageError);
    expect(() => scaffoldVendor(root, { ...options, ...bad })).toThrow(message);
    expect(tree(root)).toEqual(before);
  });

  it('scaffolds a spec and a client package that read as a vendor of their own', async () => {
    const { root } = tempWorkspace();
    writeFileSync(
      join(root, 'redocly.yaml'),
      'apis:\n  acme:\n    root: specs/acme/openapi.yaml\n\nrules: {}\n',
    );
    scaffoldVendor(root, options);
    const vendor = discoverVendors(root).find((v) => v.slug === 'beta-cloud')!;
    expect(vendor).toMatchObject({ envVar: 'BETA_CLOUD_API_KEY', mockPort: 4998, clientName: 'BetaCloud' });
    const doc = await bundleSpec(vendor.specFile, root);
    expect(clientEntryNames(doc, vendor).factory).toBe('createBetaCloudClient');
    const spec = readFileSync(vendor.specFile, 'utf8');
    expect(spec).toContain("import { createBetaCloudClient, unwrap } from '@modelspecs/beta-cloud';");
    expect(spec).toContain('curl https://api.beta.test/v1/models');
    expect(spec).toContain('$BETA_CLOUD_API_KEY');
    expect(readFileSync(join(root, 'packages', 'beta-cloud', 'src', 'index.ts'), 'utf8')).toBe(
      "export * from './generated/client.gen.js';\n",
    );
    expect(readFileSync(join(root, 'redocly.yaml'), 'utf8')).toBe(
      'apis:\n  acme:\n    root: specs/acme/openapi.yaml\n  beta-cloud:\n    root: specs/beta-cloud/openapi.yaml\n\nrules: {}\n',
    );
  });
});
