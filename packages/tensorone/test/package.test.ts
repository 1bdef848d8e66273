import { fileURLToPath } from 'node:url';
import { describeClientPackage } from '@modelspecs/client-runtime/testing';
import { startMocks } from '@modelspecs/mock';
import { createTensorOneClient } from '../src/index.js';

await describeClientPackage({
  slug: 'tensorone',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createClient: createTensorOneClient,
  startMocks,
});
