import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';

/** A user's own OpenAPI 3.0 spec: an OAuth2-protected list, an open item fetch without error responses. */
const SPEC = `openapi: 3.0.3
info: { title: Inventory, version: '1.0' }
servers: [{ url: 'https://inventory.example/api' }]
components:
  securitySchemes:
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://inventory.example/token', scopes: {} } } }
  schemas:
    Item:
      type: object
      required: [id, price]
      properties:
        id: { type: string }
        price: { type: number, nullable: true, minimum: 0, exclusiveMinimum: true }
paths:
  /items:
    get:
      operationId: listItems
      security: [{ oauth: [] }]
      responses:
        '200':
          description: the items
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Item' } }
        '401': { description: no token }
  /items/{id}:
    get:
      operationId: getItem
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: one item
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Item' }
`;

let server: Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (open) await new Promise((resolve) => open.close(resolve));
});

async function serve(price: unknown): Promise<string> {
  server = createServer((req, res) => {
    const item = { id: 'a', price };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/api/items' ? [item] : item));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api`;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function specFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelspecs-foreign-'));
  made.push(dir);
  writeFileSync(join(dir, 'inventory.yaml'), SPEC);
  return join(dir, 'inventory.yaml');
}

describe('a spec that is not one of ours (--spec)', () => {
  it('runs the OpenAPI checks, and skips with the reason what the spec does not allow', async () => {
    const report = await runConformance({
      spec: specFile(),
      baseUrl: await serve(null),
      target: 'server',
      env: {},
    });
    const [vendor] = report.vendors;
    expect(vendor).toMatchObject({ vendor: 'inventory', name: 'Inventory' });
    const result = (operationId: string, check: string) =>
      vendor!.results.find((r) => r.operationId === operationId && r.check === check);
    expect(result('listItems', 'ignored_auth')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('"oauth" (oauth2)'),
    });
    expect(result('getItem', 'error_envelope_conformance')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('no 4xx'),
    });
    // nullable (3.0) is understood: a null price conforms.
    expect(result('listItems', 'response_schema_conformance')?.status).toBe('pass');
    expect(result('getItem', 'response_schema_conformance')?.status).toBe('pass');
    expect(report.ok).toBe(true);
  });

  it('fails a server whose answers break the 3.0 schema', async () => {
    // exclusiveMinimum: true with minimum 0 forbids a price of 0.
    const report = await runConformance({
      spec: specFile(),
      baseUrl: await serve(0),
      target: 'server',
      env: {},
    });
    const failed = report.vendors[0]!.results.filter((r) => r.status === 'fail').map((r) => r.check);
    expect(failed).toContain('response_schema_conformance');
    expect(report.ok).toBe(false);
  });

  it('names the file when it is not there', async () => {
    await expect(runConformance({ spec: join(tmpdir(), 'nowhere', 'api.yaml'), env: {} })).rejects.toThrow(
      /nowhere\/api\.yaml/,
    );
  });
});
