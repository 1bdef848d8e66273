// --dynamic: answers generated from the vendor's schemas, reproducible for a seed (run by its spec package's
// `test:vendor` task; see vitest.vendor.config.ts).
import {
  DocumentSchemas,
  describeErrors,
  exampleRequest,
  listOperations,
  mediaTypeExample,
  vendorFacts,
} from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialAlternatives, type RunningMocks, startMocks } from '../../src/index.js';
import { answeredStatus, loadSpecs, repoRoot, responseFor, send, successStatus } from '../support/helpers.js';

const specs = await loadSpecs(vendorsUnderTest(repoRoot));

// Only the vendors under test: without `vendors`, startMocks would start (and read the spec of) every vendor.
const vendors = specs.map((s) => s.vendor.slug);

let seedA: RunningMocks;
let seedB: RunningMocks;
// That a second process with the same seed answers the same is the mock's own suite's (test/lifecycle.test.ts, on a
// fixture with every kind of random value): it does not depend on the vendor, and each process costs seconds of CPU.
beforeAll(async () => {
  [seedA, seedB] = await Promise.all([
    startMocks({ root: repoRoot, dynamic: true, seed: 'alpha', vendors }),
    startMocks({ root: repoRoot, dynamic: true, seed: 'beta', vendors }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([seedA, seedB].map((running) => running?.stop()));
});

it('starts the mocks of the vendors under test only', () => {
  for (const running of [seedA, seedB]) expect(running.mocks.map((m) => m.slug)).toEqual(vendors);
});

describe.each(specs)('$vendor.slug', ({ vendor, doc }) => {
  const schemas = new DocumentSchemas(doc);
  const credentials = credentialAlternatives(vendorFacts(doc, vendor, '0.0.0'))[0];
  const operations = listOperations(doc).filter(
    (entry) => responseFor(doc, entry, successStatus(entry))?.schemaPointer,
  );

  it('has operations whose 2xx response has a JSON schema to generate from', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('answers schema-valid data that differs from the static examples and is the same for the same seed', async () => {
    let differsFromExamples = 0;
    let differsBetweenSeeds = 0;
    for (const entry of operations) {
      const request = exampleRequest(doc, entry);
      const documented = responseFor(doc, entry, successStatus(entry))!;
      const [a, again, b] = await Promise.all([
        send(seedA.urls[vendor.slug]!, request, credentials),
        send(seedA.urls[vendor.slug]!, request, credentials),
        send(seedB.urls[vendor.slug]!, request, credentials),
      ]);
      const name = `${entry.method.toUpperCase()} ${entry.path}`;
      expect(a.status, name).toBe(answeredStatus(successStatus(entry)));
      expect(describeErrors(schemas.validate(documented.schemaPointer!, a.body)), name).toEqual([]);
      expect(again.body, `${name}: same process, same seed`).toEqual(a.body);
      if (JSON.stringify(a.body) !== JSON.stringify(mediaTypeExample(doc, documented.json)))
        differsFromExamples++;
      if (JSON.stringify(a.body) !== JSON.stringify(b.body)) differsBetweenSeeds++;
    }
    expect(differsFromExamples, 'operations whose generated answer is not the example').toBeGreaterThan(0);
    expect(differsBetweenSeeds, 'operations whose answer changes with the seed').toBeGreaterThan(0);
  });
});
