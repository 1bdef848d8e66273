import { describe, expect, it } from 'vitest';
import { checkTarget, invalidValues, parseBaseUrl, planOperations } from '../src/index.js';
import { specOf } from './support/specs.js';

describe('planOperations', () => {
  it('runs only GET and HEAD against a base URL that is not loopback', async () => {
    const { doc } = await specOf('trainer');
    const plan = planOperations(doc, { baseUrl: parseBaseUrl('https://api.trainer.invalid/v2') });
    const running = plan.filter((p) => !p.skipReason).map((p) => `${p.method} ${p.path}`);
    expect(running).toEqual(['GET /training/models', 'GET /training/models/{modelId}']);
    const skipped = plan.find((p) => p.operationId === 'updateTrainingModel')!;
    expect(skipped.skipReason).toBe(
      'PATCH may change data and api.trainer.invalid is not loopback; pass --allow-writes to run it',
    );
  });

  it('runs writes with --allow-writes, and always on loopback', async () => {
    const { doc } = await specOf('trainer');
    const remote = planOperations(doc, {
      baseUrl: parseBaseUrl('https://api.trainer.invalid/v2'),
      allowWrites: true,
    });
    expect(remote.filter((p) => p.skipReason)).toEqual([]);
    for (const local of ['http://127.0.0.1:4014/v2', 'http://localhost:4014/v2', 'http://[::1]:4014/v2']) {
      expect(planOperations(doc, { baseUrl: parseBaseUrl(local) }).filter((p) => p.skipReason)).toEqual([]);
    }
  });

  it('takes ids from the declared list and finds its declared get operation', async () => {
    const { doc } = await specOf('trainer');
    const plan = planOperations(doc, { baseUrl: parseBaseUrl('http://127.0.0.1:1/v2') });
    const byId = Object.fromEntries(plan.map((p) => [p.operationId, p]));
    expect(byId.getTrainingModel!.fetchById).toBe(true);
    expect(byId.getTrainingModel!.idSource).toMatchObject({
      param: 'modelId',
      list: { path: '/training/models' },
      items: ['/models'],
      id: ['/id', '/modelId'],
    });
    expect(byId.deployTrainingModel!.idSource?.param).toBe('modelId');
    expect(byId.deployTrainingModel!.fetchById).toBe(false);
    expect(byId.compareTrainingModels!.idSource).toBeUndefined();
    expect(byId.listTrainingModels!.negativeCases.map((c) => `${c.name}=${c.value}`)).toEqual([
      'limit=101',
      'limit=0',
      'limit=not-a-number',
      'offset=-1',
      'offset=not-a-number',
      'sort=modelspecs-not-in-enum',
      'order=modelspecs-not-in-enum',
    ]);
  });

  it('takes the relation from the x-modelspecs-list declaration, never from the paths', async () => {
    const { doc } = await specOf('trainer');
    const list = doc.paths!['/training/models']!.get! as Record<string, unknown>;
    delete (list['x-modelspecs-list'] as Record<string, unknown>).get;
    const plan = planOperations(doc, { baseUrl: parseBaseUrl('http://127.0.0.1:1/v2') });
    expect(plan.filter((p) => p.idSource || p.fetchById)).toEqual([]);
  });

  it('derives header bounds too (plainlist X-Provider)', async () => {
    const { doc } = await specOf('plainlist');
    const [list] = planOperations(doc, { baseUrl: parseBaseUrl('http://127.0.0.1:1/v1') });
    expect(list!.negativeCases).toEqual([
      {
        in: 'header',
        name: 'X-Provider',
        value: 'modelspecs-not-in-enum',
        rule: 'not one of "openrouter", "anthropic"',
      },
    ]);
  });
});

describe('invalidValues', () => {
  it('breaks each bound once', () => {
    expect(invalidValues({ type: 'integer', minimum: 1, maximum: 100 })).toEqual([
      { value: '101', rule: 'above maximum 100' },
      { value: '0', rule: 'below minimum 1' },
      { value: 'not-a-number', rule: 'not an integer' },
    ]);
    expect(invalidValues({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 2 })).toEqual([
      { value: '2', rule: 'not below exclusiveMaximum 2' },
      { value: '0', rule: 'not above exclusiveMinimum 0' },
      { value: 'not-a-number', rule: 'not a number' },
    ]);
    expect(invalidValues({ type: 'boolean' })).toEqual([{ value: 'not-a-boolean', rule: 'not a boolean' }]);
    expect(invalidValues({ type: 'string', maxLength: 3 })).toEqual([
      { value: 'xxxx', rule: 'longer than maxLength 3' },
    ]);
  });

  it('finds nothing to break in an unbounded string', () => {
    expect(invalidValues({ type: 'string', examples: ['llm'] })).toEqual([]);
    expect(invalidValues({})).toEqual([]);
  });
});

describe('checkTarget against a base URL that is not loopback', () => {
  it('sends no write request without --allow-writes', async () => {
    const { vendor, doc } = await specOf('trainer');
    const sent: string[] = [];
    // The test's own fetch: nothing leaves the process.
    const fetchRecorder = async (url: string, init: RequestInit) => {
      sent.push(`${init.method} ${url}`);
      return new Response('{}', { status: 401, headers: { 'content-type': 'application/json' } });
    };
    const report = await checkTarget({
      doc,
      vendor,
      baseUrl: 'https://api.trainer.invalid/v2',
      apiKey: 'tpo_live_0123456789abcdef',
      target: 'server',
      fetch: fetchRecorder,
    });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => !s.startsWith('GET '))).toEqual([]);
    expect(report.target).toMatchObject({ loopback: false, writes: false });
    const archive = report.results.filter((r) => r.operationId === 'archiveTrainingModel');
    expect(archive).toHaveLength(9);
    const notLoopback =
      'POST may change data and api.trainer.invalid is not loopback; pass --allow-writes to run it';
    expect(new Set(archive.map((r) => `${r.status}: ${r.reason}`))).toEqual(
      new Set([`skipped: ${notLoopback}`]),
    );
    // Every answer was 401, so the valid key was refused: ignored_auth says so.
    expect(
      report.results.find((r) => r.operationId === 'listTrainingModels' && r.check === 'ignored_auth'),
    ).toMatchObject({
      status: 'fail',
    });
  });
});
