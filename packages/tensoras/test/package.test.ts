import { fileURLToPath } from 'node:url';
import { describeClientPackage } from '@modelspecs/client-runtime/testing';
import { startMocks } from '@modelspecs/mock';
import { createTensorasClient } from '../src/index.js';

await describeClientPackage({
  slug: 'tensoras',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createClient: createTensorasClient,
  startMocks,
});
