// The per-vendor suites of the tools (`packages/*/test/vendor/**/*.test.ts`). Each spec package's `test:vendor` task
// runs them from its folder (`vitest run --config ../../vitest.vendor.config.ts`) for its own vendor only, so a
// change to one spec reruns that vendor's checks and no other's; run from anywhere else, they check every vendor.
// The package suites (vitest.config.ts) leave `test/vendor/` out. The example mocks of the vendors under test start once
// per run, in vitest.vendor.setup.ts, and the suites that only send requests share them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import packageSuites from './vitest.config.ts';

const root = dirname(fileURLToPath(import.meta.url));
const { name } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
const vendor = /^@modelspecs\/spec-(?!tools$)([a-z0-9-]+)$/.exec(name)?.[1];

export default defineConfig({
  plugins: packageSuites.plugins,
  test: {
    ...packageSuites.test,
    root,
    include: ['packages/*/test/vendor/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: [join(root, 'vitest.vendor.setup.ts')],
    // The suites share one module graph per worker (`isolate: false`, from vitest.config.ts): each file would
    // otherwise import the tools (Redocly, Prism's libraries) again. Measured on tensoras' suites: 37 CPU-seconds
    // isolated, 17 shared, same results.
    typecheck: { enabled: false },
    ...(vendor ? { provide: { vendor } } : {}),
  },
});
