import { describe, expect, it } from 'vitest';
import { credentialsFor } from '../src/credentials.js';

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
    expect(credentialsFor(schemes, ['query'], 'k2')).toEqual({ headers: {}, query: { api_key: 'k2' } });
  });

  it('joins the schemes of one alternative', () => {
    expect(credentialsFor(schemes, ['bearer', 'header'], 'k')).toEqual({
      headers: { Authorization: 'Bearer k', 'X-Api-Key': 'k' },
      query: {},
    });
    expect(credentialsFor(schemes, [], 'k')).toEqual({ headers: {}, query: {} });
  });

  it('names an undeclared scheme', () => {
    expect(() => credentialsFor(schemes, ['cookie'], 'k')).toThrow(
      'Security scheme "cookie" is not declared',
    );
  });
});
