// The checker against the drift fixture of the fixture vendors (test/fixtures/vendors): faithful, then with one fault
// at a time. Every real vendor's faithful baseline: test/vendor/drift.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { type CheckResult, checkTarget, type VendorReport, type Violation } from '../src/index.js';
import { type DriftFault, type DriftServer, startDriftServer } from './support/drift-server.js';
import { expectFaithful, DRIFT_KEY as KEY } from './support/faithful.js';
import { specOf, vendors } from './support/specs.js';

let server: DriftServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function checkAgainstDrift(
  slug: string,
  fault?: DriftFault,
  change?: (doc: Awaited<ReturnType<typeof specOf>>['doc']) => void,
  extra: { timeoutMs?: number } = {},
): Promise<VendorReport> {
  const { vendor, doc } = await specOf(slug);
  change?.(doc);
  server = await startDriftServer({ doc, key: KEY, fault });
  return checkTarget({ doc, vendor, baseUrl: server.baseUrl, apiKey: KEY, target: 'server', ...extra });
}

const failing = (report: VendorReport) =>
  report.results.filter((r) => r.status === 'fail').map((r) => `${r.operationId}:${r.check}`);

const find = (report: VendorReport, operationId: string, check: CheckResult['check']) =>
  report.results.find((r) => r.operationId === operationId && r.check === check)!;

describe('the faithful drift baseline', () => {
  it.each(vendors.map((v) => v.slug))('%s: every check passes, and the stateful ones run', async (slug) => {
    expectFaithful(await checkAgainstDrift(slug));
  });

  it('runs every stateful check in full against acme', async () => {
    const report = await checkAgainstDrift('acme');
    for (const check of ['error_envelope_conformance', 'list_get_consistency', 'ignored_auth'] as const) {
      expect(find(report, 'getModel', check)).toMatchObject({ status: 'pass' });
    }
    // The list (three items) is read once and each item fetched; writes none.
    expect(server!.requests.filter((r) => r.startsWith('GET /v1/models/')).length).toBeGreaterThanOrEqual(3);
  });

  it('fetches at most --max-listed-ids listed ids and says so', async () => {
    const { vendor, doc } = await specOf('acme');
    server = await startDriftServer({ doc, key: KEY });
    const report = await checkTarget({
      doc,
      vendor,
      baseUrl: server.baseUrl,
      apiKey: KEY,
      target: 'server',
      maxListedIds: 1,
    });
    expect(find(report, 'getModel', 'list_get_consistency')).toMatchObject({
      status: 'pass',
      reason: 'checked the first 1 of 3 listed ids',
    });
  });

  it('rejects out-of-bound query values on trainer, and runs its writes on loopback', async () => {
    const report = await checkAgainstDrift('trainer');
    expect(find(report, 'listTrainingModels', 'negative_data_rejection').status).toBe('pass');
    expect(server!.requests).toContain('GET /v2/training/models?limit=101');
    expect(
      server!.requests.some((r) => r.startsWith('PATCH /v2/training/models/model_1234567890abcdef')),
    ).toBe(true);
  });
});

describe('each drift fault fails the check that names it', () => {
  // `first`: the first violation of each failing check, exactly (an unknown id's random part as X).
  const cases: {
    fault: DriftFault;
    slug: string;
    expected: string[];
    why: string;
    first: Record<string, Violation>;
  }[] = [
    {
      fault: 'missing-required-field',
      slug: 'acme',
      expected: ['listModels:response_schema_conformance'],
      why: 'the list lacks its required "object"',
      first: {
        'listModels:response_schema_conformance': {
          pointer: '/object',
          message: "(root) must have required property 'object'",
        },
      },
    },
    {
      fault: 'wrong-type',
      slug: 'acme',
      expected: ['listModels:response_schema_conformance'],
      why: '"object" is a number',
      first: {
        'listModels:response_schema_conformance': { pointer: '/object', message: '/object must be string' },
      },
    },
    {
      fault: 'undocumented-status',
      slug: 'trainer',
      expected: ['listTrainingModels:status_code_conformance'],
      why: 'the list answers 203',
      first: {
        'listTrainingModels:status_code_conformance': {
          pointer: '/status',
          message:
            'GET /training/models was answered 203, which the spec does not document (documented: 200, 400, 401, 403, 429, 500, 502, 503)',
        },
      },
    },
    {
      fault: 'wrong-content-type',
      slug: 'acme',
      expected: ['listModels:content_type_conformance'],
      why: 'the list is labelled text/plain',
      first: {
        'listModels:content_type_conformance': {
          pointer: '/headers/content-type',
          message: '"text/plain" is not documented for 2XX (documented: application/json)',
        },
      },
    },
    {
      fault: 'auth-not-enforced',
      slug: 'acme',
      expected: ['listModels:ignored_auth', 'getModel:ignored_auth'],
      why: 'requests without a key are served',
      first: {
        'listModels:ignored_auth': {
          pointer: '/status',
          message: 'GET /models without credentials was answered 200; expected a documented 401 or 403',
        },
        'getModel:ignored_auth': {
          pointer: '/status',
          message:
            'GET /models/llama-3.3-70b without credentials was answered 200; expected a documented 401 or 403',
        },
      },
    },
    {
      fault: 'any-key-accepted',
      slug: 'acme',
      expected: ['listModels:ignored_auth', 'getModel:ignored_auth'],
      why: 'a wrong key is served',
      first: {
        'listModels:ignored_auth': {
          pointer: '/status',
          message: 'GET /models with a wrong key was answered 200; expected a documented 401 or 403',
        },
        'getModel:ignored_auth': {
          pointer: '/status',
          message:
            'GET /models/llama-3.3-70b with a wrong key was answered 200; expected a documented 401 or 403',
        },
      },
    },
    {
      fault: 'html-error-page',
      slug: 'acme',
      expected: ['getModel:error_envelope_conformance'],
      why: 'the unknown id gets an HTML page',
      first: {
        'getModel:error_envelope_conformance': {
          pointer: '/headers/content-type',
          message:
            'GET /models/modelspecs-unknown-X (an unknown model_id) was answered 404 with "text/html", not the documented application/json; the body starts with "<!DOCTYPE html><html><body><h1>404 Error</h1><p>Something went wrong.</p></body>\u2026"',
        },
      },
    },
    {
      fault: 'invalid-json',
      slug: 'acme',
      // The list cannot be parsed, so its items cannot be fetched either.
      expected: ['listModels:response_schema_conformance', 'getModel:list_get_consistency'],
      why: 'the list body is cut short',
      first: {
        'listModels:response_schema_conformance': {
          pointer: '',
          message: expect.stringMatching(
            /^the body is not valid JSON \(.+\); it starts with "\{"object":"list","data":\[\{"id":"llama-3\.3-70b","object":"model","created":170912…"$/,
          ),
        },
        'getModel:list_get_consistency': {
          pointer: '',
          message: expect.stringMatching(
            /^the list could not be read: the body is not valid JSON \(.+\); it starts with "\{"object":"list","data":\[\{"id":"llama-3\.3-70b","object":"model","created":170912…"$/,
          ),
        },
      },
    },
    {
      fault: 'server-error',
      slug: 'acme',
      expected: ['listModels:not_a_server_error', 'getModel:list_get_consistency'],
      why: 'the list answers 500',
      first: {
        'listModels:not_a_server_error': {
          pointer: '/status',
          message:
            'GET /models was answered 500: "{"error":{"message":"The server had an error while processing your request.","ty\u2026"',
        },
        'getModel:list_get_consistency': {
          pointer: '/status',
          message: 'the list could not be read: GET /models was answered 500',
        },
      },
    },
    {
      fault: 'unknown-id-found',
      slug: 'acme',
      expected: ['getModel:error_envelope_conformance'],
      why: 'an unknown id gets 200',
      first: {
        'getModel:error_envelope_conformance': {
          pointer: '/status',
          message:
            'GET /models/modelspecs-unknown-X (an unknown model_id) was answered 200; expected a documented 4xx',
        },
      },
    },
    {
      fault: 'wrong-error-envelope',
      slug: 'acme',
      expected: ['getModel:error_envelope_conformance'],
      why: 'the 404 body is not the vendor envelope',
      first: {
        'getModel:error_envelope_conformance': {
          pointer: '/error',
          message:
            "GET /models/modelspecs-unknown-X (an unknown model_id): (root) must have required property 'error'",
        },
      },
    },
    {
      fault: 'list-get-disagree',
      slug: 'acme',
      expected: ['getModel:list_get_consistency'],
      why: 'every fetch returns the same model',
      first: {
        'getModel:list_get_consistency': {
          pointer: '/id',
          message: 'listed id "llama-3.1-8b": the list says "llama-3.1-8b", the fetch says "llama-3.3-70b"',
        },
      },
    },
    {
      fault: 'bad-header-value',
      slug: 'acme',
      expected: ['listModels:response_headers_conformance'],
      why: 'X-RateLimit-* are not integers',
      first: {
        'listModels:response_headers_conformance': {
          pointer: '/headers/X-RateLimit-Limit',
          message: 'X-RateLimit-Limit: "soon" must be integer',
        },
      },
    },
    {
      fault: 'bounds-not-enforced',
      slug: 'trainer',
      expected: ['listTrainingModels:negative_data_rejection'],
      why: 'limit=101 is served',
      first: {
        'listTrainingModels:negative_data_rejection': {
          pointer: '/query/limit',
          message: 'limit=101 (above maximum 100) was answered 200; expected a 4xx',
        },
      },
    },
    {
      fault: 'html-error-page',
      slug: 'blunt',
      expected: ['getModel:error_envelope_conformance'],
      why: 'the unknown id gets an HTML page instead of the documented 400 envelope',
      first: {
        'getModel:error_envelope_conformance': {
          pointer: '/headers/content-type',
          message:
            'GET /models/modelspecs-unknown-X (an unknown model_id) was answered 400 with "text/html", not the documented application/json; the body starts with "<!DOCTYPE html><html><body><h1>400 Error</h1><p>Something went wrong.</p></body>\u2026"',
        },
      },
    },
    {
      fault: 'auth-not-enforced',
      slug: 'keyring',
      expected: ['listModels:ignored_auth'],
      why: 'requests without X-Api-Key are served',
      first: {
        'listModels:ignored_auth': {
          pointer: '/status',
          message: 'GET /models without credentials was answered 200; expected a documented 401 or 403',
        },
      },
    },
    {
      fault: 'wrong-type',
      slug: 'plainlist',
      expected: ['listModels:response_schema_conformance'],
      why: 'the first model\'s "id" is a number',
      first: {
        'listModels:response_schema_conformance': { pointer: '/0/id', message: '/0/id must be string' },
      },
    },
  ];

  it.each(cases)('$slug $fault ($why)', async ({ fault, slug, expected, first }) => {
    const report = await checkAgainstDrift(slug, fault);
    expect(failing(report).sort()).toEqual([...expected].sort());
    const firsts = Object.fromEntries(
      report.results
        .filter((r) => r.status === 'fail')
        .map((r) => [`${r.operationId}:${r.check}`, r.violations?.[0]]),
    );
    expect(
      JSON.parse(JSON.stringify(firsts).replace(/modelspecs-unknown-[0-9a-f]{12}/g, 'modelspecs-unknown-X')),
    ).toEqual(first);
  });

  it('reports each schema violation with its JSON pointer', async () => {
    const missing = await checkAgainstDrift('acme', 'missing-required-field');
    expect(find(missing, 'listModels', 'response_schema_conformance').violations).toEqual([
      { pointer: '/object', message: "(root) must have required property 'object'" },
    ]);
    await server!.close();
    const wrong = await checkAgainstDrift('plainlist', 'wrong-type');
    expect(find(wrong, 'listModels', 'response_schema_conformance').violations).toEqual([
      { pointer: '/0/id', message: '/0/id must be string' },
    ]);
  });

  it('names the unparsable body, the content type and the status', async () => {
    const json = await checkAgainstDrift('acme', 'invalid-json');
    expect(find(json, 'listModels', 'response_schema_conformance').violations?.[0]?.message).toMatch(
      /^the body is not valid JSON/,
    );
    await server!.close();
    const type = await checkAgainstDrift('acme', 'wrong-content-type');
    expect(find(type, 'listModels', 'content_type_conformance').violations).toEqual([
      {
        pointer: '/headers/content-type',
        message: '"text/plain" is not documented for 2XX (documented: application/json)',
      },
    ]);
    await server!.close();
    const status = await checkAgainstDrift('trainer', 'undocumented-status');
    expect(find(status, 'listTrainingModels', 'status_code_conformance').violations?.[0]?.message).toBe(
      'GET /training/models was answered 203, which the spec does not document (documented: 200, 400, 401, 403, 429, 500, 502, 503)',
    );
  });

  it('says which half of ignored_auth failed', async () => {
    const none = await checkAgainstDrift('acme', 'auth-not-enforced');
    expect(find(none, 'listModels', 'ignored_auth').violations?.map((v) => v.message)).toEqual([
      'GET /models without credentials was answered 200; expected a documented 401 or 403',
      'GET /models with a wrong key was answered 200; expected a documented 401 or 403',
    ]);
    await server!.close();
    const any = await checkAgainstDrift('acme', 'any-key-accepted');
    expect(find(any, 'listModels', 'ignored_auth').violations?.map((v) => v.message)).toEqual([
      'GET /models with a wrong key was answered 200; expected a documented 401 or 403',
    ]);
  });

  it('points list/get disagreements at the field', async () => {
    const report = await checkAgainstDrift('acme', 'list-get-disagree');
    const violations = find(report, 'getModel', 'list_get_consistency').violations ?? [];
    expect(violations).toContainEqual({
      pointer: '/id',
      message: 'listed id "qwen-3-32b": the list says "qwen-3-32b", the fetch says "llama-3.3-70b"',
    });
    expect(violations).toContainEqual({
      pointer: '/owned_by',
      message: 'listed id "qwen-3-32b": the list says "alibaba", the fetch says "meta"',
    });
  });

  it('enforces required headers only where the spec requires them', async () => {
    const optional = await checkAgainstDrift('acme', 'missing-headers');
    expect(failing(optional)).toEqual([]);
    await server!.close();
    const required = await checkAgainstDrift('acme', 'missing-headers', (doc) => {
      (doc.components!.headers!['X-RateLimit-Limit'] as { required?: boolean }).required = true;
    });
    expect(failing(required)).toEqual(['listModels:response_headers_conformance']);
    expect(find(required, 'listModels', 'response_headers_conformance').violations).toEqual([
      { pointer: '/headers/X-RateLimit-Limit', message: 'the required header X-RateLimit-Limit is missing' },
    ]);
  });

  it('fails a request that gets no answer within the timeout, without a stack trace', async () => {
    const report = await checkAgainstDrift('acme', 'hang', undefined, { timeoutMs: 300 });
    expect(failing(report).sort()).toEqual([
      'getModel:list_get_consistency',
      'listModels:not_a_server_error',
    ]);
    expect(find(report, 'listModels', 'not_a_server_error').violations).toEqual([
      { pointer: '/status', message: 'GET /models: no answer within 300 ms' },
    ]);
    expect(find(report, 'listModels', 'response_schema_conformance')).toMatchObject({ status: 'skipped' });
  });
});
