import { fileURLToPath } from 'node:url';
import { describeClientPackage } from '@modelspecs/client-runtime/testing';
import { startMocks } from '@modelspecs/mock';
import { createQuantizedClient } from '../src/index.js';

await describeClientPackage({
  slug: 'quantized',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createClient: createQuantizedClient,
  startMocks,
});
