// The one vitest config. Packages run it from their own folder
// (`vitest run --config ../../vitest.config.ts`), so `test/` is relative to the package.
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// A package may start what its whole test run shares (servers, say) in test/global-setup.ts.
const globalSetup = 'test/global-setup.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/vendor/: the per-vendor suites, run by each spec package's `test:vendor` task (vitest.vendor.config.ts).
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**', 'test/vendor/**'],
    environment: 'node',
    // Test files of one run share one module graph per worker: importing the tools (Redocly, Prism's libraries,
    // TypeScript) again for every test file cost more CPU than most suites' tests (CONTRIBUTING.md, "House rules").
    // So code and tests keep no state in modules, and a test's stubs end with it (below).
    isolate: false,
    // Generous: these are hang guards, not speed checks, and CI runs many suites at once on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    restoreMocks: true,
    // A test's vi.stubGlobal and vi.stubEnv end with it, even where test files share one module graph.
    unstubGlobals: true,
    unstubEnvs: true,
    globalSetup: existsSync(globalSetup) ? [globalSetup] : [],
    // Type tests (test/**/*.test-d.ts, expectTypeOf) are not run here: the repository type check (`//#repo:typecheck`,
    // one tsc program over every package's src and test, run by `pnpm test`) fails on a false type assertion. Running
    // them here too started a second tsc over the same files in every package that has them.
  },
});
