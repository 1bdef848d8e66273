// The gate end to end in a temporary git repository holding one vendor, "acme": its spec (the classification
// fixture, test/fixtures/base.yaml) with the released baseline, its built client (a small declaration file) with the
// API report, and the changeset configuration. It runs the command `pnpm check` runs (`modelspecs-api-diff --check`),
// in this process but for two runs of the bin (below). The gate's behaviour is what is tested here, so no vendor spec of the checkout takes part:
// `pnpm check` runs the same gate on every vendor.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverVendors, findRepoRoot, type Vendor } from '@modelspecs/spec-tools';
import { runMainInProcess } from '@modelspecs/spec-tools/cli';
import { runNode } from '@modelspecs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main, USAGE } from '../src/main.js';

// biome-ignore lint/suspicious/noExplicitAny: the test edits plain parsed YAML.
type Yaml = any;

const CLI = fileURLToPath(new URL('../bin/modelspecs-api-diff.js', import.meta.url));
const root = findRepoRoot();
const fixture = fileURLToPath(new URL('fixtures/base.yaml', import.meta.url));
// The client as built: what its API report reads.
const CLIENT_TYPES = `export interface Model {
    id: string;
    status: 'ready' | 'loading';
    context_length?: number;
}
export interface AcmeClient {
    listModels(options?: { limit?: number }): Promise<{ data: Model[] }>;
    getModel(id: string): Promise<Model>;
}
export declare function createAcmeClient(options?: { apiKey?: string; baseUrl?: string }): AcmeClient;
`;
let vendor: Vendor;
// API Extractor and Optic on a loaded two-core machine: generous, a hang guard only.
const SLOW = 300_000;

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString();
const specFile = () => join(repo, 'specs', vendor.slug, 'openapi.yaml');
const reportFile = () => join(repo, 'packages', vendor.slug, 'etc', `${vendor.slug}.api.md`);

function copy(relative: string) {
  cpSync(join(root, relative), join(repo, relative), { recursive: true });
}

function setVersion(relative: string, version: string) {
  const file = join(repo, relative, 'package.json');
  writeFileSync(file, `${JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }, null, 2)}\n`);
}

function editSpec(change: (doc: Yaml) => void) {
  const doc = parse(readFileSync(specFile(), 'utf8'));
  change(doc);
  writeFileSync(specFile(), stringify(doc));
}

function changeset(name: string, bumps: Record<string, string>) {
  const front = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(repo, '.changeset', `${name}.md`), `---\n${front.join('\n')}\n---\n\nA change.\n`);
}

// The command runs in this process (Optic and API Extractor load once, not once a run); two runs of the bin itself,
// in a process of its own, check its exit codes and where it prints.
const apiDiff = (...args: string[]) =>
  runMainInProcess('modelspecs-api-diff', main, args, { cwd: repo, usageHint: USAGE });

async function gate(...args: string[]) {
  const { code, stdout, stderr } = await apiDiff('--check', ...args);
  return { code, out: stdout, err: stderr };
}

/** The first string property of a schema, by name: changing its type breaks every reader of it. */
function firstStringProperty(doc: Yaml): [string, Record<string, unknown>] {
  for (const schema of Object.values<Yaml>(doc.components.schemas)) {
    for (const [name, property] of Object.entries<Yaml>(schema.properties ?? {})) {
      if (property.type === 'string' && !property.enum && !property.const) return [name, property];
    }
  }
  throw new Error('no string property in the fixture spec');
}

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'modelspecs-gate-'));
  for (const file of ['pnpm-workspace.yaml', '.changeset/config.json']) copy(file);
  const write = (relative: string, content: string) => {
    mkdirSync(join(repo, relative, '..'), { recursive: true });
    writeFileSync(join(repo, relative), content);
  };
  const manifest = (name: string, extra: object = {}) =>
    `${JSON.stringify({ name, version: '0.1.0', type: 'module', ...extra }, null, 2)}\n`;
  cpSync(fixture, join(repo, 'specs', 'acme', 'openapi.yaml'));
  write(
    'specs/acme/package.json',
    manifest('@modelspecs/spec-acme', {
      modelspecs: { envVar: 'ACME_API_KEY', mockPort: 4999, clientName: 'Acme' },
    }),
  );
  write(
    'packages/acme/package.json',
    manifest('@modelspecs/acme', {
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    }),
  );
  write('packages/acme/dist/index.d.ts', CLIENT_TYPES);
  write('packages/acme/dist/index.js', 'export function createAcmeClient() {}\n');
  vendor = discoverVendors(repo)[0]!;
  // After the first release: a major bump now means breaking.
  setVersion(`specs/${vendor.slug}`, '1.0.0');
  setVersion(`packages/${vendor.slug}`, '1.0.0');
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
  // Released as it stands: the repository's own pending changes (and their changesets) play no part here.
  const released = await apiDiff('update-baselines', '--vendor', vendor.slug);
  if (released.code !== 0) throw new Error(`update-baselines failed: ${released.stderr}`);
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.test', 'add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.test', 'commit', '-qm', 'released');
}, SLOW);

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

const reset = () => {
  git('checkout', '-q', '--', '.');
  git('clean', '-qfd', '--', '.changeset', 'specs');
};

describe('the release gate in a git repository', () => {
  it(
    'passes when nothing changed (the bin: exit 0, the classification on stdout)',
    async () => {
      reset();
      const run = runNode(CLI, ['--check', '--no-types'], repo);
      expect((await run.exit).code).toBe(0);
      expect(run.stdout()).toContain(`${vendor.slug}: none`);
      expect(run.stderr()).toBe('');
    },
    SLOW,
  );

  it(
    'fails a breaking change without a major changeset, naming the vendor, the operation, the change and the bump',
    async () => {
      reset();
      let name = '';
      editSpec((doc) => {
        const [property, schema] = firstStringProperty(doc);
        name = property;
        schema.type = 'integer';
      });
      const { code, err } = await gate();
      expect(code).toBe(1);
      expect(err).toContain(`${vendor.slug}: breaking`);
      // Each break: the operation, where in it, and what (Optic says a changed type is an "expanded" property).
      expect(err).toMatch(new RegExp(`- GET /\\S+ response \\S+ .*property '${name}' not to be expanded`));
      expect(err).toContain(`${vendor.specPackage} needs a major bump for a breaking change`);
      expect(err).toContain(`${vendor.clientPackage} needs a major bump for a breaking change`);

      changeset('minor-only', { [vendor.specPackage]: 'minor', [vendor.clientPackage]: 'minor' });
      expect((await gate('--no-types')).code).toBe(1);
    },
    SLOW,
  );

  it(
    'passes the same breaking change once the spec and client packages get a major changeset',
    async () => {
      reset();
      editSpec((doc) => {
        firstStringProperty(doc)[1].type = 'integer';
      });
      changeset('break', { [vendor.specPackage]: 'major', [vendor.clientPackage]: 'major' });
      const { code, out } = await gate('--no-types');
      expect(code).toBe(0);
      expect(out).toContain(`${vendor.slug}: breaking`);
    },
    SLOW,
  );

  it(
    'asks only a patch of the spec package for a description-only change',
    async () => {
      reset();
      editSpec((doc) => {
        doc.info.description = `${doc.info.description} Reworded.`;
      });
      const without = await gate('--no-types');
      expect(without.code).toBe(1);
      expect(without.err).toContain(`${vendor.specPackage} needs a patch bump`);
      expect(without.err).not.toContain(vendor.clientPackage);

      changeset('docs', { [vendor.specPackage]: 'patch' });
      const withPatch = await gate('--no-types');
      expect(withPatch.code).toBe(0);
      expect(withPatch.out).toContain(`${vendor.slug}: docs`);
    },
    SLOW,
  );

  it(
    'counts a line gone from the client API report as breaking for the client',
    async () => {
      reset();
      // The released report had a declaration the built client no longer has.
      writeFileSync(
        reportFile(),
        readFileSync(reportFile(), 'utf8').replace('```ts\n', '```ts\nexport type Removed = string;\n'),
      );
      const { code, err } = await gate();
      expect(code).toBe(1);
      expect(err).toContain('type line removed or changed: `export type Removed = string;`');
      expect(err).toContain(`${vendor.clientPackage} needs a major bump for a breaking change`);
    },
    SLOW,
  );

  it(
    'compares against a git ref given with --from, and prints JSON',
    async () => {
      reset();
      editSpec((doc) => {
        firstStringProperty(doc)[1].type = 'integer';
      });
      git('-c', 'user.name=test', '-c', 'user.email=test@example.test', 'commit', '-qam', 'break');
      try {
        // Against the commit before: breaking. The committed baseline was not refreshed, so it says the same.
        const run = await apiDiff('--no-types', '--from', 'HEAD~1', '--format', 'json');
        expect(run.code).toBe(0);
        const { vendors } = JSON.parse(run.stdout);
        expect(vendors[0].level).toBe('breaking');
        expect(vendors[0].baseline).toBe(`HEAD~1:specs/${vendor.slug}`);
        // Against itself: nothing.
        const same = await apiDiff('--no-types', '--from', 'HEAD', '--format', 'json');
        expect(same.code).toBe(0);
        expect(JSON.parse(same.stdout).vendors[0].level).toBe('none');
        // The bin: a usage error exits 2, on stderr, before git sees the value.
        const bad = runNode(CLI, ['--from', '--upload-pack=x'], repo);
        expect((await bad.exit).code).toBe(2);
        expect(bad.stderr()).toMatch(/^modelspecs-api-diff: /);
        expect(bad.stdout()).toBe('');
      } finally {
        git('reset', '-q', '--hard', 'HEAD~1');
      }
    },
    SLOW,
  );
});
