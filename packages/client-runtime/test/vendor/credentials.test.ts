// Each vendor's security schemes given credentials no HTTP header can carry (run by its spec package's `test:vendor`
// task; see vitest.vendor.config.ts).
import { afterAll, beforeAll } from 'vitest';
import { type Loopback, listen } from '../hostile/loopback.js';
import { describeBadCredentials } from '../suites/credentials.js';
import { specVendors } from './spec-vendors.js';

// Answers 401 to anything; no request should reach it.
let server: Loopback;
beforeAll(async () => {
  server = await listen((_, response) => {
    response.writeHead(401, { 'content-type': 'application/json' }).end('{}');
  });
});
afterAll(() => server.close());

describeBadCredentials(
  specVendors.map(({ vendor, facts }) => ({ name: vendor.slug, facts })),
  () => server,
);
