import { fileURLToPath } from 'node:url';
import { startMocks } from '@modelspecs/mock';
import { describeClientPackage } from '@modelspecs/testkit';
import * as client from '../src/index.js';

await describeClientPackage({
  slug: 'tensorone',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  module: client,
  createClient: client.createTensorOneClient,
  startMocks,
});
