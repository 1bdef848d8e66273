// Each vendor's auth, read from its spec (run by its spec package's `test:vendor` task; see vitest.vendor.config.ts).
import { describeAuth } from '../suites/auth.js';
import { specVendors } from './spec-vendors.js';

describeAuth(
  specVendors.map(({ vendor, facts }) => ({
    name: `${vendor.slug}, read from its spec`,
    facts,
    envVar: vendor.envVar,
    userAgent: `${vendor.clientPackage}/0.0.0`,
  })),
);
