#!/usr/bin/env node
// The `docs` task: the site in dist/, that is every vendor's reference and the portal (`modelspecs-docs build`) and
// every vendor's "API changes" page (`modelspecs-api-diff portal`). The two render at the same time: the references
// spend most of their time in Redocly's renderer, two at a time, and the changes pages in the diff, so together they
// take about the longer of the two instead of the sum. The changes pages are written to a scratch folder first and
// moved into dist/<slug>/ once the references are written, because a build of the references removes the files of
// dist/<slug>/ it did not write. Either failing fails the task, and dist/ then gets no changes page.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const siteDir = join(packageDir, 'dist');

/** Runs a command with this process's output; resolves to its exit code (1 when it cannot start). */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: packageDir, stdio: 'inherit' });
    child.once('error', (error) => {
      const hint =
        error.code === 'ENOENT'
          ? ' (run this through `pnpm docs` or `pnpm --filter @modelspecs/docs docs`, which put the bins on PATH, after `pnpm install`)'
          : '';
      console.error(`render-site: cannot run ${command}: ${error.message}${hint}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const scratch = mkdtempSync(join(packageDir, '.changes-'));
try {
  const [references, changes] = await Promise.all([
    run(process.execPath, [join(packageDir, 'bin', 'modelspecs-docs.js'), 'build']),
    // `pnpm run` puts the dependencies' bins (node_modules/.bin) on PATH.
    run('modelspecs-api-diff', ['portal', '--out', scratch]),
  ]);
  if (references !== 0 || changes !== 0) {
    console.error(
      `render-site: ${references !== 0 ? 'modelspecs-docs build' : 'modelspecs-api-diff portal'} failed (see above); the site is incomplete.`,
    );
    process.exitCode = 1;
  } else {
    const slugs = readdirSync(scratch);
    const orphans = slugs.filter((slug) => !existsSync(join(siteDir, slug, 'index.html')));
    if (orphans.length > 0) {
      console.error(
        `render-site: "API changes" pages for vendors without a reference: ${orphans.join(', ')}`,
      );
      process.exitCode = 1;
    } else {
      for (const slug of slugs) {
        const to = join(siteDir, slug, 'changes.html');
        copyFileSync(join(scratch, slug, 'changes.html'), `${to}.tmp`);
        renameSync(`${to}.tmp`, to);
      }
      console.log(`wrote ${slugs.length} "API changes" page(s) into ${siteDir}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
