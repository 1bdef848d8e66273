import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEntryNames, renderClientEntry } from '../src/client-entry.js';
import { SpecError } from '../src/errors.js';
import { bundleSpec } from '../src/load.js';
import { discoverVendors } from '../src/vendors.js';
import { fixtures, tempWorkspace } from './helpers.js';

const acme = (modelspecs: Record<string, unknown>) =>
  discoverVendors(
    tempWorkspace('valid.yaml', {
      name: '@modelspecs/spec-acme',
      modelspecs: { envVar: 'ACME_API_KEY', mockPort: 4999, ...modelspecs },
    }).root,
  )[0]!;

describe('the generated entry of a client package', () => {
  it('names the factory, the options, the client and each named type after the declared client name', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const vendor = acme({ clientName: 'AcmeCloud', namedTypes: ['Model', 'ModelList'] });
    const entry = renderClientEntry(doc, vendor, '// header\n\n');
    expect(entry.startsWith('// header\n\n')).toBe(true);
    expect(entry).toContain(
      'export function createAcmeCloudClient(options?: AcmeCloudClientOptions): AcmeCloudClient {',
    );
    expect(entry).toContain('export type AcmeCloudClientOptions = ClientOptions<typeof vendor>;');
    expect(entry).toContain('export type AcmeCloudClient = VendorClient<paths>;');
    expect(entry).toContain("export type AcmeCloudModel = components['schemas']['Model'];");
    expect(entry).toContain("export type AcmeCloudModelList = components['schemas']['ModelList'];");
    expect(entry).not.toContain('AcmeCloudError');
    expect(entry).toContain('  CredentialError,\n');
    expect(entry).toContain('  type Logger,\n');
    expect(entry).not.toMatch(/withPaging|Paginated|PagingError/);
  });

  it('wraps the client with withPaging only when the spec declares a paged list', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const list = (doc.paths!['/models']!.get as Record<string, Record<string, unknown>>)[
      'x-modelspecs-list'
    ]!;
    list.paging = { style: 'offset', limit: 'limit', offset: 'offset', total: '/total' };
    const entry = renderClientEntry(doc, acme({ clientName: 'Acme', namedTypes: [] }), '');
    expect(entry).toContain(
      'export type AcmeClient = VendorClient<paths> & Paginated<paths, typeof vendor>;',
    );
    expect(entry).toContain(
      '  return withPaging(createVendorClient<paths, typeof vendor>(vendor, options), vendor);',
    );
    expect(entry).toContain('  PagingError,\n');
  });

  it('refuses a package without a client name, naming the field', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    expect(() => clientEntryNames(doc, acme({}))).toThrow(
      /specs\/acme\/package\.json: "modelspecs\.clientName" is missing/,
    );
  });

  it('refuses a named type the spec does not define, naming the field and the schema', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    let error: unknown;
    try {
      clientEntryNames(doc, acme({ clientName: 'Acme', namedTypes: ['Model', 'Nope'] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      'specs/acme/package.json modelspecs.namedTypes: no components.schemas.Nope in the spec',
    ]);
  });
});
