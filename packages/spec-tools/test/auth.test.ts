import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  credentialForms,
  credentialsFor,
  describeRequest,
  describeScheme,
  sendableScheme,
} from '../src/auth.js';
import { SpecError } from '../src/errors.js';
import { vendorFacts } from '../src/facts.js';
import { bundleSpec } from '../src/load.js';
import type { SecuritySchemeObject } from '../src/openapi.js';
import { discoverVendors } from '../src/vendors.js';
import { fixtures, tempWorkspace } from './helpers.js';

/** The fixture every package's auth tests share: bearer, basic, header key, query key, header + query together. */
const AUTH_FIXTURE = join(fixtures, 'auth-schemes.yaml');

const schemes = {
  bearer: { type: 'http', scheme: 'bearer' },
  basic: { type: 'http', scheme: 'basic' },
  header: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  query: { type: 'apiKey', in: 'query', name: 'api_key' },
} as const;

describe('credentialsFor', () => {
  it('sends the key the way each scheme wants it', () => {
    expect(credentialsFor(schemes, ['bearer'], 'k1')).toEqual({
      headers: { Authorization: 'Bearer k1' },
      query: {},
    });
    expect(credentialsFor(schemes, ['basic'], 'user')).toEqual({
      headers: { Authorization: `Basic ${Buffer.from('user:').toString('base64')}` },
      query: {},
    });
    expect(credentialsFor(schemes, ['basic'], 'u:p').headers.Authorization).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
    expect(credentialsFor(schemes, ['header'], 'k3')).toEqual({ headers: { 'X-Api-Key': 'k3' }, query: {} });
    expect(credentialsFor(schemes, ['query'], 'k2')).toEqual({ headers: {}, query: { api_key: 'k2' } });
  });

  it('joins the schemes of one alternative', () => {
    expect(credentialsFor(schemes, ['bearer', 'header'], 'k')).toEqual({
      headers: { Authorization: 'Bearer k', 'X-Api-Key': 'k' },
      query: {},
    });
    expect(credentialsFor(schemes, ['header', 'query'], 'k')).toEqual({
      headers: { 'X-Api-Key': 'k' },
      query: { api_key: 'k' },
    });
    expect(credentialsFor(schemes, [], 'k')).toEqual({ headers: {}, query: {} });
  });

  it('names an undeclared scheme', () => {
    expect(() => credentialsFor(schemes, ['cookie'], 'k')).toThrow(
      'Security scheme "cookie" is not declared',
    );
  });
});

describe('the auth table', () => {
  it('describes each kind for the docs and as a request template', () => {
    expect(describeScheme('b', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })).toBe(
      'Bearer token in Authorization (JWT)',
    );
    expect(describeScheme('b', { type: 'http', scheme: 'Basic' })).toMatch(
      /^HTTP Basic credentials in Authorization/,
    );
    expect(describeScheme('h', { type: 'apiKey', in: 'header', name: 'X-Api-Key' })).toBe(
      'API key in header X-Api-Key',
    );
    expect(describeScheme('q', { type: 'apiKey', in: 'query', name: 'api_key' })).toBe(
      'API key in query parameter api_key',
    );
    expect(describeScheme('o', { type: 'oauth2' })).toBe('oauth2 (o)');
    expect(describeRequest(schemes, ['header', 'query'])).toBe('X-Api-Key: <key> + ?api_key=<key>');
    expect(describeRequest(schemes, ['basic'])).toBe('Authorization: Basic <key>');
  });

  it('lists the wire forms of a key that redaction must catch', () => {
    expect(credentialForms(schemes, ['k1', ''])).toEqual([
      'k1',
      'Bearer k1',
      `Basic ${Buffer.from('k1:').toString('base64')}`,
      Buffer.from('k1:').toString('base64'),
    ]);
  });

  it.each<[string, SecuritySchemeObject]>([
    ['oauth2', { type: 'oauth2' }],
    ['openIdConnect', { type: 'openIdConnect' }],
    ['mutualTLS', { type: 'mutualTLS' }],
    ['apiKey in cookie', { type: 'apiKey', in: 'cookie', name: 'session' }],
    ['http digest', { type: 'http', scheme: 'digest' }],
  ])('finds no way to send %s', (_kind, scheme) => {
    expect(sendableScheme(scheme)).toBeUndefined();
  });
});

describe('the generator and the auth fixture', () => {
  const acme = () => discoverVendors(tempWorkspace('auth-schemes.yaml').root)[0]!;

  it('carries bearer, basic, header and query keys and the pair into the facts', async () => {
    const facts = vendorFacts(await bundleSpec(AUTH_FIXTURE), acme(), '1.0.0');
    expect(facts.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      basicAuth: { type: 'http', scheme: 'basic' },
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
    });
    expect(facts.security).toEqual([
      ['bearerAuth'],
      ['basicAuth'],
      ['headerKey'],
      ['queryKey'],
      ['headerKey', 'queryKey'],
    ]);
    expect(
      facts.security.map((alternative) => credentialsFor(facts.securitySchemes, alternative, 'k')),
    ).toEqual([
      { headers: { Authorization: 'Bearer k' }, query: {} },
      { headers: { Authorization: `Basic ${Buffer.from('k:').toString('base64')}` }, query: {} },
      { headers: { 'X-Api-Key': 'k' }, query: {} },
      { headers: {}, query: { api_key: 'k' } },
      { headers: { 'X-Api-Key': 'k' }, query: { api_key: 'k' } },
    ]);
  });

  it.each<[string, SecuritySchemeObject]>([
    ['oauth2', { type: 'oauth2' }],
    ['openIdConnect', { type: 'openIdConnect' }],
    ['apiKey in cookie', { type: 'apiKey', in: 'cookie', name: 'session' }],
    ['http digest', { type: 'http', scheme: 'digest' }],
  ])('refuses %s with a SpecError naming the scheme and the file', async (kind, scheme) => {
    const doc = await bundleSpec(AUTH_FIXTURE);
    doc.components!.securitySchemes!.other = scheme;
    expect(() => vendorFacts(doc, acme(), '1.0.0')).toThrow(SpecError);
    expect(() => vendorFacts(doc, acme(), '1.0.0')).toThrow(
      new RegExp(`^specs/acme/openapi\\.yaml #/components/securitySchemes/other: .*not ${kind}$`),
    );
  });
});
