// The one vitest config. Packages run it from their own folder
// (`vitest run --config ../../vitest.config.ts`), so `test/` is relative to the package.
import { existsSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

// A package may start what its whole test run shares (servers, say) in test/global-setup.ts.
const globalSetup = 'test/global-setup.ts';

/** Drops vite's `development` resolve condition (see `plugins` below). */
function noDevelopmentCondition(): Plugin {
  return {
    name: 'modelspecs:no-development-condition',
    configResolved(config) {
      const environments = Object.values(config.environments ?? {}).map((environment) => environment.resolve);
      for (const resolve of [config.resolve, config.ssr?.resolve, ...environments]) {
        if (resolve?.conditions) {
          resolve.conditions = resolve.conditions.filter(
            (c) => c !== 'development' && c !== 'development|production',
          );
        }
      }
    },
  };
}

export default defineConfig({
  // vitest resolves imports with the `development` condition (and hands it to Node in its workers), which a user's
  // Node does not: a dependency that maps `development` to its TypeScript sources (attw's library does) was loaded from
  // them, through vite's transform, instead of from the JavaScript it publishes. Tests load what users load.
  plugins: [noDevelopmentCondition()],
  test: {
    include: ['test/**/*.test.ts'],
    // test/vendor/: the per-vendor suites, run by each spec package's `test:vendor` task (vitest.vendor.config.ts).
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**', 'test/vendor/**'],
    environment: 'node',
    // The workspace packages' built JavaScript (what a test reaches by a package's name, such as `@modelspecs/mock`)
    // is imported by Node as it is, as from node_modules, not passed through vite's transform: the real path of a
    // workspace package is not under node_modules, so vite would otherwise transform every module of it in every run.
    server: { deps: { external: [/\/(packages|specs)\/[^/]+\/(dist|server|bin)\//] } },
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
