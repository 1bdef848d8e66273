// The root vitest config for mutation runs (scripts/mutation.mjs), which run from a copy of one package: the same
// settings, restricted to the fast unit tests the package names in its package.json (`modelspecs.mutation.tests`),
// so that no mutant waits on a suite that starts Prism, a browser or a child process.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const manifest = JSON.parse(readFileSync(resolve('package.json'), 'utf8'));
// `--tests` of the script swaps the list for one run.
const tests: string[] | undefined =
  process.env.MODELSPECS_MUTATION_TESTS?.split(',') ?? manifest.modelspecs?.mutation?.tests;
if (!tests?.length) throw new Error(`${manifest.name}: package.json names no modelspecs.mutation.tests`);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: tests,
    typecheck: { enabled: false },
    // `modelspecs.mutation.isolate: false`: one module graph for every test file and mutant run (scripts/mutation.mjs);
    // patches/vitest@*.patch keeps the worker that holds it from one run to the next under the same variable.
    isolate: process.env.MODELSPECS_MUTATION_SHARED_MODULES !== '1',
  },
});
