import { fileURLToPath } from 'node:url';
import { describeClientPackage } from '@modelspecs/client-runtime/testing';
import { startMocks } from '@modelspecs/mock';
import { createMajestixClient } from '../src/index.js';

await describeClientPackage({
  slug: 'majestix',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createClient: createMajestixClient,
  startMocks,
});
