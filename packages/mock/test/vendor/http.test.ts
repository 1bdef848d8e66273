// Every operation of the vendor's spec, over real HTTP against its real Prism mock (run by its spec package's
// `test:vendor` task; see vitest.vendor.config.ts).
import {
  DocumentSchemas,
  deref,
  describeErrors,
  type ExampleObject,
  exampleRequest,
  listOperations,
  mediaTypeExample,
  vendorFacts,
} from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import { describe, expect, it } from 'vitest';
import {
  credentialAlternatives,
  type MockCredentials,
  type RunningMock,
  serverBasePath,
} from '../../src/index.js';
import {
  answeredStatus,
  loadSpecs,
  repoRoot,
  requiresCredentials,
  responseFor,
  send,
  sharedMocks,
  successStatus,
} from '../support/helpers.js';

const specs = await loadSpecs(vendorsUnderTest(repoRoot));

const mockOf = (slug: string): RunningMock => sharedMocks().mocks.find((m) => m.slug === slug)!;

it('starts one mock per discovered vendor, each on its own port of 127.0.0.1', () => {
  expect(sharedMocks().mocks.map((m) => m.slug)).toEqual(specs.map((s) => s.vendor.slug));
  expect(new Set(sharedMocks().mocks.map((m) => m.port)).size).toBe(specs.length);
  for (const mock of sharedMocks().mocks) expect(new URL(mock.origin).hostname).toBe('127.0.0.1');
});

describe.each(specs)('$vendor.slug', ({ vendor, doc }) => {
  const where = `specs/${vendor.slug}/openapi.yaml`;
  const facts = vendorFacts(doc, vendor, '0.0.0');
  const schemas = new DocumentSchemas(doc);
  const operations = listOperations(doc);

  it("serves the spec's base path, so the base URL replaces the vendor's as is", () => {
    const mock = mockOf(vendor.slug);
    expect(sharedMocks().urls[vendor.slug]).toBe(mock.baseUrl);
    expect(mock.baseUrl).toBe(`${mock.origin}${serverBasePath(doc, where)}`);
    expect(mock.vendorBaseUrl).toBe(doc.servers?.[0]?.url);
    expect(mock.name).toBe(doc.info['x-vendor']);
  });

  it('answers 404 on a path the spec does not have', async () => {
    const mock = mockOf(vendor.slug);
    const response = await fetch(`${mock.baseUrl}/modelspecs-no-such-path`, {
      headers: mock.credentials.headers,
    });
    await response.body?.cancel();
    expect(response.status).toBe(404);
  });

  describe.each(operations.map((entry) => ({ entry, name: `${entry.method.toUpperCase()} ${entry.path}` })))(
    '$name',
    ({ entry }) => {
      const request = exampleRequest(doc, entry);
      const success = successStatus(entry);
      const documentedSuccess = responseFor(doc, entry, success)!;

      it('answers its first 2xx example with every security alternative the spec documents', async () => {
        const alternatives = credentialAlternatives(facts);
        expect(alternatives.length).toBeGreaterThan(0);
        for (const credentials of alternatives) {
          const { status, body } = await send(mockOf(vendor.slug).baseUrl, request, credentials);
          expect(status, JSON.stringify(credentials.headers)).toBe(answeredStatus(success));
          if (documentedSuccess.json) expect(body).toEqual(mediaTypeExample(doc, documentedSuccess.json));
        }
      });

      // Each check below exists only where the spec documents what it checks.
      if (requiresCredentials(doc, entry))
        it("answers 401 with the vendor's error body without credentials", async () => {
          const { status, body } = await send(mockOf(vendor.slug).baseUrl, request);
          expect(status).toBe(401);
          const documented = responseFor(doc, entry, '401');
          expect(documented?.json, `${entry.pointer} documents a JSON 401`).toBeDefined();
          expect(body).toEqual(mediaTypeExample(doc, documented!.json));
          const { schemaPointer } = documented!;
          if (schemaPointer) expect(describeErrors(schemas.validate(schemaPointer, body))).toEqual([]);
        });

      if (requiresCredentials(doc, entry) && facts.security.some((names) => names.length > 1))
        it('answers 401 when only part of a combined security alternative is sent', async () => {
          const satisfiedAlone = (name: string) =>
            facts.security.some((names) => names.length === 1 && names[0] === name);
          for (const names of facts.security.filter((n) => n.length > 1)) {
            for (const name of names.filter((n) => !satisfiedAlone(n))) {
              const single = credentialAlternatives({ ...facts, security: [[name]] })[0] as MockCredentials;
              const { status } = await send(mockOf(vendor.slug).baseUrl, request, single);
              expect(status, `${name} alone`).toBe(401);
            }
          }
        });

      const errorStatuses = Object.keys(entry.operation.responses ?? {}).filter(
        (s) => /^[45]\d\d$/.test(s) && responseFor(doc, entry, s)?.json,
      );
      if (errorStatuses.length > 0)
        it('answers each documented error status on `Prefer: code=<status>`', async () => {
          for (const code of errorStatuses) {
            const { status, body } = await send(
              mockOf(vendor.slug).baseUrl,
              request,
              mockOf(vendor.slug).credentials,
              {
                prefer: `code=${code}`,
              },
            );
            expect(status, `Prefer: code=${code}`).toBe(Number(code));
            expect(body).toEqual(mediaTypeExample(doc, responseFor(doc, entry, code)!.json));
          }
        });

      const named = Object.entries(documentedSuccess.json?.examples ?? {});
      if (named.length > 0)
        it('answers each named 2xx example on `Prefer: example=<name>`', async () => {
          for (const [name, example] of named) {
            const { status, body } = await send(
              mockOf(vendor.slug).baseUrl,
              request,
              mockOf(vendor.slug).credentials,
              {
                prefer: `example=${name}`,
              },
            );
            expect(status, name).toBe(answeredStatus(success));
            expect(body).toEqual(deref<ExampleObject>(doc, example).value);
          }
        });

      if (documentedSuccess.schemaPointer !== undefined)
        it('answers schema-valid generated data on `Prefer: dynamic=true`', async () => {
          const { status, body } = await send(
            mockOf(vendor.slug).baseUrl,
            request,
            mockOf(vendor.slug).credentials,
            {
              prefer: 'dynamic=true',
            },
          );
          expect(status).toBe(answeredStatus(success));
          expect(describeErrors(schemas.validate(documentedSuccess.schemaPointer!, body))).toEqual([]);
        });
    },
  );
});
