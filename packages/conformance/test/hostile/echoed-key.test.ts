import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { echoedForms } from '../support/echo-forms.js';
import { type HostileServer, startHostileServer } from '../support/hostile-server.js';

// Quotes, a backslash, a slash, an ampersand and a non-ASCII letter: each has its own escape in each encoding.
const KEY = 'tns_Echo"\\/&é_7f3a91c2';
const FORMS = Object.entries(echoedForms(KEY));

let server: HostileServer;
/** The forms the server put in a body, by name. */
const served = new Set<string>();
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'modelspecs-conformance-echo-'));
  let next = 0;
  // Every request fails with a 500 whose body echoes the key in the next encoding: the report quotes each body.
  server = await startHostileServer((_req, res) => {
    const [name, form] = FORMS[next++ % FORMS.length]!;
    served.add(name);
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`upstream refused ${form} today`);
  });
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('a key a server echoes in another encoding', () => {
  it.each(['text', 'json', 'junit', 'text', 'json', 'junit'])(
    'is in no %s report, on stdout or in --out',
    async (format) => {
      const out = join(folder, `report-${format}`);
      const { code, stdout, stderr } = await captureCli(
        [
          '--vendor',
          'acme',
          '--base-url',
          server.baseUrl,
          '--target',
          'server',
          '--report',
          format,
          '--out',
          out,
        ],
        { ACME_API_KEY: KEY },
        folder,
      );
      expect(code).toBe(1);
      const outputs = [stdout, stderr, readFileSync(out, 'utf8')];
      for (const output of outputs) {
        for (const [name, form] of FORMS) expect(output, name).not.toContain(form);
        expect(output).not.toMatch(/Echo/);
      }
      // The bodies are quoted, with the key masked.
      expect(outputs[2]).toContain('upstream refused *** today');
    },
  );

  it('was echoed in every form', () => {
    expect([...served].sort()).toEqual(FORMS.map(([name]) => name).sort());
  });
});
