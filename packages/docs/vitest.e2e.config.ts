import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

// The root config, pointed at test/e2e (which it excludes from the unit run) with browser-sized timeouts.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.test.ts'],
    exclude: (base.test?.exclude ?? []).filter((glob) => !glob.startsWith('test/e2e')),
    typecheck: { enabled: false },
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
