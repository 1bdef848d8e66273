// Typed failures for answers a client did not make itself, and the option a too-large body names.
import { describe, expect, it } from 'vitest';
import { ApiError, createVendorClient, ResponseTooLargeError, unwrap } from '../../src/index.js';
import { exampleFacts, json, recorder } from '../support.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('resolved');
    },
    (error: unknown) => error,
  );

describe('unwrap on an answer of another client', () => {
  it('is an ApiError with the body copied whole, empty lists included, and a stack that starts with its message', async () => {
    const error = (await rejection(
      unwrap({ error: { errors: [], detail: ['a'] }, response: new Response(null, { status: 400 }) }),
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ errors: [], detail: ['a'] });
    expect(error.message).toBe('400: ');
    expect(error.stack!.split('\n')[0]).toBe('ApiError: 400: ');
  });
});

describe('a body over its cap', () => {
  it('names maxBodyBytes for a 2xx and maxErrorBodyBytes for an error', async () => {
    const big = { data: 'x'.repeat(200) };
    for (const [status, option] of [
      [200, 'maxBodyBytes'],
      [500, 'maxErrorBodyBytes'],
    ] as const) {
      const { fetch } = recorder(() => json(big, status));
      const client = createVendorClient(exampleFacts, {
        apiKey: 'acme-key-0123456789',
        fetch,
        maxRetries: 0,
        maxBodyBytes: 100,
        maxErrorBodyBytes: 100,
      });
      const error = await rejection(
        (client as unknown as { GET: (p: string) => Promise<unknown> }).GET('/models'),
      );
      expect(error, option).toBeInstanceOf(ResponseTooLargeError);
      expect((error as Error).message).toBe(
        `GET /models: Body of the ${status} answer over 100 bytes (${option})`,
      );
    }
  });
});
