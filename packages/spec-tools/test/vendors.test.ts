import { describe, expect, it } from 'vitest';
import { SpecError, UsageError } from '../src/errors.js';
import { discoverVendors, getVendor, selectVendors } from '../src/vendors.js';
import { tempWorkspace } from './helpers.js';

describe('vendor discovery', () => {
  it('reads slug, env var and mock port from specs/<slug>/package.json', () => {
    const { root, specDir } = tempWorkspace();
    expect(discoverVendors(root)).toEqual([
      {
        slug: 'acme',
        specPackage: '@modelspecs/spec-acme',
        clientPackage: '@modelspecs/acme',
        dir: specDir,
        specFile: `${specDir}/openapi.yaml`,
        envVar: 'ACME_API_KEY',
        mockPort: 4999,
        clientName: 'Acme',
        namedTypes: [],
      },
    ]);
  });

  it('reads the client name and named types beside the env var, and names a broken one', () => {
    const manifest = (modelspecs: Record<string, unknown>) => ({
      name: '@modelspecs/spec-acme',
      modelspecs: { envVar: 'ACME_API_KEY', mockPort: 4999, ...modelspecs },
    });
    const { root } = tempWorkspace(
      'valid.yaml',
      manifest({ clientName: 'AcmeCloud', namedTypes: ['Model'] }),
    );
    expect(discoverVendors(root)[0]).toMatchObject({ clientName: 'AcmeCloud', namedTypes: ['Model'] });
    const broken = tempWorkspace(
      'valid.yaml',
      manifest({ clientName: 'acme cloud', namedTypes: ['Model', 'Model'] }),
    );
    expect(() => discoverVendors(broken.root)).toThrow(
      /"modelspecs\.clientName" must be[\s\S]*"modelspecs\.namedTypes" must be a list of distinct schema names/,
    );
  });

  it('names the file and the field of a broken manifest', () => {
    const { root } = tempWorkspace('valid.yaml', {
      name: '@modelspecs/spec-acme',
      modelspecs: { envVar: 'acme key' },
    });
    let error: unknown;
    try {
      discoverVendors(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      expect.stringMatching(/^specs\/acme\/package\.json: "modelspecs\.envVar" must be/),
      expect.stringMatching(/^specs\/acme\/package\.json: "modelspecs\.mockPort" must be/),
    ]);
  });

  it('rejects an unknown vendor with the known ones and the flag', () => {
    const { root } = tempWorkspace();
    expect(() => getVendor('nope', root)).toThrow(
      new UsageError('Unknown vendor "nope". Known vendors: acme.'),
    );
    expect(() => selectVendors('acme,nope', root)).toThrow(
      /--vendor: unknown vendor "nope"\. Known vendors: acme\./,
    );
    expect(selectVendors(' acme ', root).map((v) => v.slug)).toEqual(['acme']);
    expect(selectVendors(undefined, root).map((v) => v.slug)).toEqual(['acme']);
  });
});
