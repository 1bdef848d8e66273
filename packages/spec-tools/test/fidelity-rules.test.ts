import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSpecFile } from '../src/lint.js';
import { bundleSpec } from '../src/load.js';
import { checkFidelity } from '../src/rules/fidelity.js';
import { fixtures, repoRoot } from './helpers.js';

const fidelity = async (name: string) =>
  (await lintSpecFile(join(fixtures, name), repoRoot, { redocly: false })).checks.find((c) =>
    c.name.startsWith('fidelity'),
  )!;

describe('fidelity conventions', () => {
  it('pass on the valid fixture', async () => {
    expect((await fidelity('valid.yaml')).problems).toEqual([]);
  });

  it('fail on an object schema with neither properties nor additionalProperties', async () => {
    expect((await fidelity('open-object.yaml')).problems).toEqual([
      expect.stringMatching(
        /open-object\.yaml:\d+:\d+ #\/components\/schemas\/Model\/properties\/metadata: .*"additionalProperties"/,
      ),
    ]);
  });

  it('fail on a header without an example', async () => {
    expect((await fidelity('header-without-example.yaml')).problems).toEqual([
      expect.stringMatching(
        /header-without-example\.yaml:\d+:\d+ #\/paths\/~1models\/get\/responses\/200\/headers\/X-RateLimit-Remaining: header "X-RateLimit-Remaining" has no example/,
      ),
    ]);
  });

  it('fail on a single pinned success status whose response is marked x-assumption', async () => {
    expect((await fidelity('pinned-assumed-success.yaml')).problems).toEqual([
      expect.stringMatching(
        /pinned-assumed-success\.yaml:\d+:\d+ #\/paths\/~1models\/get\/responses\/200: .*success status 200 is marked x-assumption; accept the range "2XX"/,
      ),
    ]);
  });

  it('accept the same assumed response once it is a 2XX range', async () => {
    const doc = await bundleSpec(join(fixtures, 'pinned-assumed-success.yaml'), repoRoot);
    const responses = doc.paths!['/models']!.get!.responses!;
    responses['2XX'] = responses['200']!;
    delete responses['200'];
    expect(checkFidelity(doc).problems).toEqual([]);
  });
});
