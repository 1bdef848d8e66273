// The modelspecs Redocly plugin: each rule passes the valid spec and fails a spec that breaks its convention,
// reported like Redocly's own problems (file:line:col #/pointer: message (rule)); a malformed value is a problem,
// never a crash.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSpecFile, REDOCLY_CHECK } from '../src/lint.js';
import { modelspecsRules } from '../src/rules/plugin.js';
import { guarded } from '../src/rules/rule.js';
import { fixtures, tempWorkspace } from './helpers.js';

const valid = readFileSync(join(fixtures, 'valid.yaml'), 'utf8');

/** The valid spec with `edits` applied, as the spec of vendor "acme" (env var ACME_API_KEY) in a new workspace. */
function acmeSpec(
  edits: [string, string][] = [],
  manifest?: Record<string, unknown>,
): { root: string; file: string } {
  const { root, specDir } = tempWorkspace('valid.yaml', manifest);
  let text = valid;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the valid fixture has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  const file = join(specDir, 'openapi.yaml');
  writeFileSync(file, text);
  return { root, file };
}

async function redoclyProblems(spec: { root: string; file: string }): Promise<string[]> {
  const report = await lintSpecFile(spec.file, spec.root);
  return report.checks.find((c) => c.name === REDOCLY_CHECK)!.problems;
}

const TS_SAMPLE = `import { createAcmeClient, unwrap } from '@modelspecs/acme';

            const client = createAcmeClient(); // reads ACME_API_KEY`;
const CURL_SAMPLE = 'curl https://api.acme.test/v1/models -H "Authorization: Bearer $ACME_API_KEY"';

/** For each rule, an edit of the valid spec that breaks it and the problem it must report. */
const breaks: Record<keyof typeof modelspecsRules, { edits: [string, string][]; problem: RegExp }[]> = {
  'vendor-metadata': [
    { edits: [['  x-vendor: Acme\n', '']], problem: /:2:1 #\/info: "x-vendor" .* is required/ },
    {
      edits: [['    - url: https://docs.acme.test/models\n', '    - url: 42\n']],
      problem: /#\/info\/x-origin: "x-origin" must list/,
    },
    {
      edits: [['  - url: https://api.acme.test/v1\n', '  - url: http://api.acme.test/v1\n']],
      problem: /#\/servers: the first server must be the vendor's https base URL/,
    },
  ],
  'doc-discrepancies': [
    {
      edits: [['      - source: guide\n        says: string\n', '      - guide\n']],
      problem: /#\/x-doc-discrepancies\/0: a discrepancy entry needs "topic", "resolution" and "sources"/,
    },
  ],
  'operation-code-samples': [
    {
      edits: [['        - lang: TypeScript\n', '        - lang: Go\n']],
      problem: /#\/paths\/~1models\/get\/x-codeSamples: no "TypeScript" entry in x-codeSamples/,
    },
  ],
  'code-sample-vendor': [
    {
      // A spec copied from another vendor: its samples still call that vendor.
      edits: [[TS_SAMPLE, TS_SAMPLE.replace('@modelspecs/acme', '@modelspecs/tensoras')]],
      problem:
        /#\/paths\/~1models\/get\/x-codeSamples\/1\/source: the TypeScript sample does not import @modelspecs\/acme/,
    },
    {
      edits: [[TS_SAMPLE, TS_SAMPLE.replace('@modelspecs/acme', '@modelspecs/tensoras')]],
      problem:
        /the TypeScript sample imports @modelspecs\/tensoras; a sample of this spec imports only @modelspecs\/acme/,
    },
    {
      edits: [[TS_SAMPLE, TS_SAMPLE.replace('ACME_API_KEY', 'TENSORAS_API_KEY')]],
      problem: /x-codeSamples\/1\/source: the sample does not name ACME_API_KEY, the vendor's key variable/,
    },
    {
      edits: [[CURL_SAMPLE, CURL_SAMPLE.replace('api.acme.test', 'api.tensoras.ai')]],
      problem:
        /x-codeSamples\/0\/source: the sample calls https:\/\/api.tensoras.ai\/v1\/models, which is not under a server of this spec/,
    },
  ],
  'open-object-additional-properties': [
    {
      edits: [
        [
          '        created: {type: integer, description: Unix seconds.}\n',
          '        created: {type: integer, description: Unix seconds.}\n        metadata: {type: object, description: Free.}\n',
        ],
      ],
      problem:
        /#\/components\/schemas\/Model\/properties\/metadata: an object schema without "properties" must set "additionalProperties"/,
    },
  ],
  'header-example': [
    {
      edits: [['              example: 10\n', '']],
      problem:
        /#\/paths\/~1models\/get\/responses\/200\/headers\/X-RateLimit-Remaining: header "X-RateLimit-Remaining" has no example/,
    },
  ],
  'header-example-schema': [
    {
      edits: [['              example: 10\n', '              example: ten\n']],
      problem:
        /headers\/X-RateLimit-Remaining\/example: header "X-RateLimit-Remaining": example does not match its schema: \(root\) must be integer/,
    },
  ],
  'assumed-success-range': [
    {
      edits: [
        [
          '          description: The models.\n',
          '          description: The models.\n          x-assumption: no source gives the code.\n',
        ],
      ],
      problem:
        /#\/paths\/~1models\/get\/responses\/200: the only success status 200 is marked x-assumption; accept the range "2XX"/,
    },
  ],
  declarations: [
    {
      edits: [['        items: /data\n', '        items: /dta\n']],
      problem:
        /:\d+:\d+ #\/paths\/~1models\/get\/x-modelspecs-list\/items: "\/dta" points to nowhere in #\/components\/schemas\/ModelList/,
    },
  ],
  catalog: [
    {
      edits: [['        items: /data\n', '        items: /data\n        catalog:\n          id: /id\n']],
      problem:
        /:\d+:\d+ #\/paths\/~1models\/get\/x-modelspecs-list\/catalog: dimension "name" is missing: give its pointer/,
    },
  ],
  paging: [
    {
      edits: [
        [
          '        id: /id\n',
          '        id: /id\n        paging: { style: offset, limit: pageSize, offset: offset, total: /data }\n',
        ],
      ],
      problem:
        /:\d+:\d+ #\/paths\/~1models\/get\/x-modelspecs-list\/paging\/limit: "pageSize" is not a query parameter of GET \/models/,
    },
  ],
};

describe('the modelspecs rules', () => {
  it('pass the valid spec, samples included, in a spec package', async () => {
    expect(await redoclyProblems(acmeSpec())).toEqual([]);
  });

  it('each have a failing case here', () => {
    expect(Object.keys(breaks).sort()).toEqual(Object.keys(modelspecsRules).sort());
  });

  describe.each(Object.entries(breaks))('modelspecs/%s', (rule, cases) => {
    it.each(cases.map((c, i) => [i, c] as const))(
      'fails a spec that breaks it (case %i)',
      async (_, { edits, problem }) => {
        const problems = await redoclyProblems(acmeSpec(edits));
        const mine = problems.filter((p) => p.endsWith(`(modelspecs/${rule})`));
        expect(mine).toContainEqual(expect.stringMatching(problem));
        expect(mine[0]).toMatch(/^specs\/acme\/openapi\.yaml:\d+:\d+ #\//);
      },
    );
  });

  it('accept an assumed success once it is a 2XX range', async () => {
    const spec = acmeSpec([
      [
        "        '200':\n          description: The models.\n",
        '        2XX:\n          description: The models.\n          x-assumption: no source gives the code.\n',
      ],
    ]);
    expect((await redoclyProblems(spec)).filter((p) => p.includes('assumed-success-range'))).toEqual([]);
  });

  it("exempt a sample labelled as the vendor's own, and check ours", async () => {
    const quoted = `        - lang: JavaScript\n          label: Node.js (OpenAI SDK, the vendor's own sample)\n          source: |\n            import OpenAI from "openai";\n            const client = new OpenAI({ baseURL: "https://api.acme.test/v1", apiKey: "key" });\n`;
    const ours = quoted.replace(" (OpenAI SDK, the vendor's own sample)", '');
    const withSample = (sample: string) => acmeSpec([['      responses:\n', `${sample}      responses:\n`]]);
    expect(await redoclyProblems(withSample(quoted))).toEqual([]);
    expect(await redoclyProblems(withSample(ours))).toEqual([
      expect.stringMatching(
        /x-codeSamples\/2\/source: the JavaScript sample does not import @modelspecs\/acme.*\(modelspecs\/code-sample-vendor\)$/,
      ),
      expect.stringMatching(/x-codeSamples\/2\/source: the sample does not name ACME_API_KEY/),
    ]);
  });

  it('name an invalid spec package manifest instead of checking samples against it', async () => {
    const problems = await redoclyProblems(
      acmeSpec([], { name: '@modelspecs/spec-acme', modelspecs: { envVar: 'lower' } }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /the spec package manifest is invalid: specs\/acme\/package.json: "modelspecs.envVar" must be/,
      ),
    );
  });

  it('turn malformed values into problems, never a crash', async () => {
    const spec = acmeSpec([
      ['  x-origin:\n', '  x-origin: just a string\n  x-old-origin:\n'],
      ['x-doc-discrepancies:\n', 'x-doc-discrepancies: 5\nx-old-discrepancies:\n'],
      ['servers:\n', 'servers: 3\nx-old-servers:\n'],
      ['      x-codeSamples:\n', '      x-codeSamples: {lang: curl}\n      x-old-samples:\n'],
      ['              schema: {type: integer}\n', '              schema: 7\n'],
    ]);
    const report = await lintSpecFile(spec.file, spec.root);
    expect(report.ok).toBe(false);
    const problems = report.checks.find((c) => c.name === REDOCLY_CHECK)!.problems.join('\n');
    expect(problems).toMatch(/#\/info\/x-origin: "x-origin" must list .*\(modelspecs\/vendor-metadata\)/);
    expect(problems).toMatch(
      /#\/x-doc-discrepancies: "x-doc-discrepancies" must be a list.*\(modelspecs\/doc-discrepancies\)/,
    );
    expect(problems).toMatch(/first server must be .*\(modelspecs\/vendor-metadata\)/);
    expect(problems).toMatch(/no "curl" entry in x-codeSamples \(modelspecs\/operation-code-samples\)/);
    // Redocly's own structural rule names the wrong shapes too.
    expect(problems).toMatch(/\(struct\)/);
  });

  it('report a visitor that throws as a problem at the value it was reading', () => {
    const reports: unknown[] = [];
    const rule = guarded('modelspecs/example', () => ({
      Schema() {
        throw new TypeError('x is not iterable');
      },
    }));
    const visitor = (rule as unknown as () => Record<string, (node: unknown, ctx: unknown) => void>)();
    visitor.Schema!({}, { report: (p: unknown) => reports.push(p), location: 'here' });
    expect(reports).toEqual([
      {
        message: expect.stringMatching(/^modelspecs\/example cannot read this value \(x is not iterable\)/),
        location: 'here',
      },
    ]);
  });
});
