import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import type { OpenApiDocument } from '../src/openapi.js';
import { serverOf } from '../src/server.js';
import { vendorName } from '../src/vendor-name.js';

const spec = (servers: OpenApiDocument['servers']): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 'Acme', version: '1' },
  servers,
});

describe('serverOf', () => {
  it.each([
    ['https://api.acme.invalid/v1/', '/v1'],
    ['https://api.acme.invalid', ''],
    ['https://api.acme.invalid/', ''],
    ['/v2', '/v2'],
    ['https://api.acme.invalid/api/v3', '/api/v3'],
  ])('%s -> base path "%s"', (url, basePath) => {
    expect(serverOf(spec([{ url }]), 'acme.yaml')).toEqual({ url, basePath });
  });

  it('fills server variables with their defaults, in the URL and its base path', () => {
    const servers = [
      {
        url: 'https://{region}.acme.invalid/{version}',
        variables: { region: { default: 'eu' }, version: { default: 'v9' } },
      },
    ];
    expect(serverOf(spec(servers), 'acme.yaml')).toEqual({
      url: 'https://eu.acme.invalid/v9',
      basePath: '/v9',
    });
  });

  it('names the file and pointer when the spec has no server or a variable has no default', () => {
    expect(() => serverOf(spec([]), 'specs/acme/openapi.yaml')).toThrow(
      /specs\/acme\/openapi.yaml #\/servers/,
    );
    const servers = [{ url: 'https://acme.invalid/{version}', variables: { version: {} } }];
    expect(() => serverOf(spec(servers), 'acme.yaml')).toThrow(SpecError);
    expect(() => serverOf(spec(servers), 'acme.yaml')).toThrow(/#\/servers\/0\/variables\/version/);
  });
});

describe('vendorName', () => {
  const named = (info: Record<string, unknown>) => ({ openapi: '3.1.0', info }) as unknown as OpenApiDocument;

  it('is info.x-vendor, else info.title, else the fallback; blank values do not count', () => {
    expect(vendorName(named({ title: 'Acme API', version: '1', 'x-vendor': 'Acme' }), 'acme')).toBe('Acme');
    expect(vendorName(named({ title: 'Acme API', version: '1', 'x-vendor': '  ' }), 'acme')).toBe('Acme API');
    expect(vendorName(named({ title: 'Acme API', version: '1', 'x-vendor': 7 }), 'acme')).toBe('Acme API');
    expect(vendorName(named({ title: '', version: '1' }), 'acme')).toBe('acme');
  });
});
