import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError } from '@modelspecs/spec-tools';
import { specDownloads } from './downloads.js';
import { hardenReference, PageShapeError, unsafeMarkup } from './harden.js';
import { replaceCdnAssets, viewTimeExternalUrls } from './offline.js';
import { FAVICON } from './portal.js';

/** The entry point of the pinned @redocly/cli, the renderer of the reference pages (linting uses Redocly's library). */
function redoclyCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

/**
 * The page template: Redocly's default plus a Content-Security-Policy, an inline favicon, and a bar with the link
 * back to the portal and the spec downloads.
 */
export const REFERENCE_TEMPLATE: string = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'templates',
  'reference.hbs',
);

export interface RenderReferenceOptions {
  /** The workspace root: its redocly.yaml holds the Redoc options (`openapi:`). */
  root: string;
  /** The page title. */
  title: string;
  /** Where Redocly writes the page (a scratch file; the caller moves the result into place). */
  output: string;
  /** What to call the spec in error messages, e.g. `specs/acme/openapi.yaml`. */
  label: string;
  /** The vendor's slug: the page offers `<slug>.openapi.yaml` and `<slug>.openapi.json` from its own folder. */
  slug: string;
}

const BANNER_LINE = /[║╔╚═]/;

function run(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        DO_NOT_TRACK: '1',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Redocly's output without its Node-version banner and blank lines. */
function tidy(output: string): string {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '' && !BANNER_LINE.test(line))
    .join('\n');
}

/**
 * Renders one bundled spec with `redocly build-docs --inlineBundle` (Redoc's script embedded, telemetry off, the
 * repo's redocly.yaml for Redoc options) and returns the page, made to work offline and hardened (harden.ts). Throws
 * a SpecError when Redocly fails, or the page would still fetch anything from another host, run a script that is not
 * its own, navigate itself away, or link out of the folder it is served from.
 */
export async function renderReference(bundleFile: string, options: RenderReferenceOptions): Promise<string> {
  const downloads = specDownloads(options.slug);
  const { code, output } = await run(
    [
      redoclyCli(),
      'build-docs',
      bundleFile,
      '--output',
      options.output,
      '--inlineBundle',
      '--config',
      join(options.root, 'redocly.yaml'),
      '--lint-config',
      'error',
      '--template',
      REFERENCE_TEMPLATE,
      '--title',
      options.title,
      `--templateOptions.favicon=${FAVICON}`,
      `--templateOptions.yaml=${downloads.yaml}`,
      `--templateOptions.json=${downloads.json}`,
    ],
    options.root,
  );
  if (code !== 0) {
    throw new SpecError(`redocly build-docs failed for ${options.label} (exit code ${code})`, [
      tidy(output) || 'no output',
    ]);
  }
  const problems: string[] = [];
  let html = replaceCdnAssets(readFileSync(options.output, 'utf8'));
  try {
    html = hardenReference(html, {
      downloads: [downloads.yaml, downloads.json].map((file) => ({ title: file, url: file })),
    });
    problems.push(...unsafeMarkup(html));
  } catch (error) {
    if (!(error instanceof PageShapeError)) throw error;
    throw new SpecError(`The page redocly build-docs rendered for ${options.label} cannot be hardened`, [
      ...error.problems,
      'Was @redocly/cli upgraded? Check src/harden.ts against the new page.',
    ]);
  }
  if (/cdn\.redocly\.com\/redoc\/v[^/]*\/bundles\//.test(html) || !/<script type="module">/.test(html)) {
    problems.push('the page loads Redoc from the CDN instead of embedding it (--inlineBundle had no effect)');
  }
  if (!/"disableTelemetry":true/.test(html)) {
    problems.push('Redoc telemetry is not disabled in the page options');
  }
  for (const url of viewTimeExternalUrls(html)) {
    problems.push(`the page would fetch ${url} when viewed`);
  }
  if (problems.length > 0) {
    throw new SpecError(
      `The rendered reference of ${options.label} is not safe to publish offline`,
      problems,
    );
  }
  return html;
}
