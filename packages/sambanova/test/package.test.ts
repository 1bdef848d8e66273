import { fileURLToPath } from 'node:url';
import { describeClientPackage } from '@modelspecs/client-runtime/testing';
import { startMocks } from '@modelspecs/mock';
import { createSambaNovaClient } from '../src/index.js';

await describeClientPackage({
  slug: 'sambanova',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createClient: createSambaNovaClient,
  startMocks,
});
