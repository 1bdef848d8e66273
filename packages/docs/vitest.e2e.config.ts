import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.test.ts'],
    exclude: (base.test?.exclude ?? []).filter((glob) => !glob.startsWith('test/e2e')),
    typecheck: { enabled: false },
  },
});
