import type { Vendor } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../src/api-report.js';
import type { VendorDiff } from '../src/gate.js';
import { gateProblems } from '../src/gate.js';
import { renderChangesPage } from '../src/portal.js';
import { apiChangesChangesets } from '../src/release.js';

const report = (...lines: string[]) => `## API Report\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`;

describe('compareReports', () => {
  it('counts a removed or changed line as breaking and an added line as an addition', () => {
    const before = report(
      'export interface Model {',
      '    id: string;',
      '    status: "ready" | "loading";',
      '}',
    );
    const after = report(
      'export interface Model {',
      '    id: string;',
      '    status: "ready";',
      '    size?: number;',
      '}',
    );
    const changes = compareReports(before, after, 'etc/x.api.md');
    expect(changes.map((c) => [c.kind, c.what])).toEqual([
      ['breaking', 'type line removed or changed: `status: "ready" | "loading";`'],
      ['added', 'type line added: `status: "ready";`'],
      ['added', 'type line added: `size?: number;`'],
    ]);
  });

  it('takes the same type in other quotes for the same line, and shows each line as its report wrote it', () => {
    const before = report("export type Err = components['schemas']['Error'];", "x: 'it\\'s' | \"a\";");
    const same = report('export type Err = components["schemas"]["Error"];', "x: \"it's\" | 'a';");
    expect(compareReports(before, same, 'r')).toEqual([]);
    const changed = report('export type Err = components["schemas"]["Failure"];', "x: \"it's\" | 'a';");
    expect(compareReports(before, changed, 'r').map((c) => [c.kind, c.what])).toEqual([
      ['breaking', "type line removed or changed: `export type Err = components['schemas']['Error'];`"],
      ['added', 'type line added: `export type Err = components["schemas"]["Failure"];`'],
    ]);
  });

  it('sees a repeated line disappear once, and ignores API Extractor comments and blank lines', () => {
    const before = report('a: string;', 'a: string;', '// (undocumented)');
    expect(compareReports(before, report('a: string;', '', '// @public'), 'r').map((c) => c.kind)).toEqual([
      'breaking',
    ]);
    expect(compareReports(before, report('a: string;', 'a: string;'), 'r')).toEqual([]);
  });
});

const diff = (over: Partial<VendorDiff>): VendorDiff => ({
  vendor: 'acme',
  specPackage: '@modelspecs/spec-acme',
  clientPackage: '@modelspecs/acme',
  baseline: 'specs/acme/released/openapi.json',
  spec: { level: 'none', changes: [], isNew: false },
  specDiffers: false,
  level: 'none',
  required: {},
  unreleased: { spec: false, client: false },
  ...over,
});

describe('gateProblems', () => {
  const breaking = diff({ level: 'breaking', required: { spec: 'major', client: 'major' } });

  it('asks a major bump of both packages of the pair for a breaking change', () => {
    const problems = gateProblems(breaking, new Map([['@modelspecs/spec-acme', { bump: 'major' as const }]]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^acme: @modelspecs\/acme needs a major bump for a breaking change .* give none/,
    );
    expect(
      gateProblems(
        breaking,
        new Map([
          ['@modelspecs/spec-acme', { bump: 'major' as const }],
          ['@modelspecs/acme', { bump: 'major' as const }],
        ]),
      ),
    ).toEqual([]);
  });

  it('makes the first release of a 0.x package the major one (1.0.0), even with nothing to classify', () => {
    const first = diff({ unreleased: { spec: false, client: true } });
    expect(gateProblems(first, new Map([['@modelspecs/acme', { bump: 'minor' as const }]]))[0]).toContain(
      'needs a major bump for the first release (1.0.0)',
    );
    expect(gateProblems(first, new Map())).toEqual([]);
  });
});

describe('release notes and the portal page', () => {
  const changed = diff({
    level: 'breaking',
    required: { spec: 'major', client: 'major' },
    spec: {
      level: 'breaking',
      isNew: false,
      changes: [
        {
          kind: 'breaking',
          operation: 'GET /models',
          location: '/responses/200',
          what: '<script>x</script> removed',
          source: 'optic',
        },
        { kind: 'docs', location: '/info/description', what: 'changed /info/description', source: 'diff' },
      ],
    },
  });

  it('writes one changeset per package with the required bump and the changes by kind', () => {
    const sets = apiChangesChangesets(changed);
    expect(sets.map((s) => s.name)).toEqual(['api-changes-spec-acme', 'api-changes-acme']);
    expect(sets[0]?.content).toMatch(/^---\n"@modelspecs\/spec-acme": major\n---\n/);
    expect(sets[0]?.content).toContain('#### Breaking');
    expect(sets[0]?.content).toContain('#### Docs');
    expect(apiChangesChangesets(diff({}))).toEqual([]);
  });

  it('renders pending changes and released ones, escaping text from the spec', () => {
    const vendor = { slug: 'acme', specPackage: '@modelspecs/spec-acme' } as Vendor;
    const html = renderChangesPage(vendor, changed, [
      { version: '1.0.0', date: '2026-11-30', level: 'added', changes: [] },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; removed');
    expect(html).toContain('Breaking (1)');
    expect(html).toContain('@modelspecs/spec-acme 1.0.0');
  });
});
