import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type * as ApiExtractor from '@microsoft/api-extractor';
import type { ExtractorMessage } from '@microsoft/api-extractor';
import { SpecError, type Vendor } from '@modelspecs/spec-tools';
import { fileAt } from './git.js';
import type { ApiChange } from './kinds.js';

/**
 * API Extractor, loaded on the first report: the portal and the spec-only checks never make one, and loading it costs
 * about 1.7 CPU-seconds.
 */
const apiExtractor = (): typeof ApiExtractor => createRequire(import.meta.url)('@microsoft/api-extractor');

/** The client package of a vendor: `packages/<slug>`. */
export const clientDir = (root: string, vendor: Vendor): string => join(root, 'packages', vendor.slug);

/** The committed API report of a client package: the public type surface of its last release. */
export const reportFile = (root: string, vendor: Vendor): string =>
  join(clientDir(root, vendor), 'etc', `${vendor.slug}.api.md`);

/**
 * API Extractor's report of the client's public types as built now (`dist/index.d.ts`). The configuration is
 * derived here, once for every client, so that a new vendor's package needs no file of its own.
 */
export function currentReport(root: string, vendor: Vendor): string {
  const project = clientDir(root, vendor);
  const entry = join(project, 'dist', 'index.d.ts');
  if (!existsSync(entry)) {
    throw new SpecError(
      `${relative(root, entry)} is missing: build the client first (pnpm build) so its public types can be compared`,
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), 'modelspecs-api-report-'));
  try {
    const { Extractor, ExtractorConfig } = apiExtractor();
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: project,
        mainEntryPointFilePath: '<projectFolder>/dist/index.d.ts',
        // Only the built declarations are read, with the compiler options they were built for: no source, no
        // project tsconfig, so the report depends on what the package publishes and nothing else.
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'ES2022',
              lib: ['ES2023', 'DOM', 'DOM.Iterable'],
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              strict: true,
              skipLibCheck: true,
              types: [],
            },
            files: ['dist/index.d.ts'],
          },
        },
        apiReport: {
          enabled: true,
          reportFolder: scratch,
          reportTempFolder: scratch,
          reportFileName: vendor.slug,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        newlineKind: 'lf',
      },
      configObjectFullPath: join(project, 'api-extractor.json'),
      packageJsonFullPath: join(project, 'package.json'),
    });
    const errors: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: true,
      messageCallback: (message: ExtractorMessage) => {
        // Documentation and naming advice is not part of the type surface; only real errors stop the report.
        if (message.logLevel === 'error') errors.push(message.formatMessageWithoutLocation());
        message.handled = true;
      },
    });
    const report = join(scratch, `${vendor.slug}.api.md`);
    if (!result.succeeded || !existsSync(report)) {
      throw new SpecError(
        `API Extractor could not report the public types of ${vendor.clientPackage}`,
        errors,
      );
    }
    return readFileSync(report, 'utf8');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The committed report (or the one at `commit`), undefined for a client never released. */
export function baselineReport(root: string, vendor: Vendor, commit?: string): string | undefined {
  const file = reportFile(root, vendor);
  if (commit !== undefined) return fileAt(root, commit, relative(root, file));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

// The declarations of a report: its fenced TypeScript, without API Extractor's own comments and blank lines.
function declarationLines(report: string): string[] {
  const body = report.split(/^```ts$/m)[1]?.split(/^```$/m)[0] ?? report;
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
}

/**
 * A declaration line with every quoted string in double quotes: `'a'` and `"a"` are the same type, and emitters differ
 * in the quotes they print (TypeScript keeps the source's, oxc writes double quotes).
 */
export function canonicalQuotes(line: string): string {
  return line.replace(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g, (_, single?: string, double?: string) =>
    single === undefined ? `"${double}"` : `"${single.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"')}"`,
  );
}

/** How many times each line occurs, keyed by its canonical form, with the first of its texts to show. */
function countLines(lines: string[]): Map<string, { count: number; text: string }> {
  const counts = new Map<string, { count: number; text: string }>();
  for (const line of lines) {
    const key = canonicalQuotes(line);
    const seen = counts.get(key);
    counts.set(key, { count: (seen?.count ?? 0) + 1, text: seen?.text ?? line });
  }
  return counts;
}

/**
 * The change of the public types between two reports: a line of the baseline that is gone (removed, or changed
 * into another line) is breaking, a line only added is an addition.
 */
export function compareReports(before: string | undefined, after: string, where: string): ApiChange[] {
  if (before === undefined) {
    return [
      {
        kind: 'added',
        location: where,
        what: 'new client package (no released API report)',
        source: 'api-report',
      },
    ];
  }
  const old = countLines(declarationLines(before));
  const now = countLines(declarationLines(after));
  const changes: ApiChange[] = [];
  for (const [key, { count, text }] of old) {
    if ((now.get(key)?.count ?? 0) < count) {
      changes.push({
        kind: 'breaking',
        location: where,
        what: `type line removed or changed: \`${text}\``,
        source: 'api-report',
      });
    }
  }
  for (const [key, { count, text }] of now) {
    if ((old.get(key)?.count ?? 0) < count) {
      changes.push({
        kind: 'added',
        location: where,
        what: `type line added: \`${text}\``,
        source: 'api-report',
      });
    }
  }
  return changes;
}
