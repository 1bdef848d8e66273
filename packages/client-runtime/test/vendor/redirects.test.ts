// Each vendor's security alternatives through redirects (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts): no credential and no body crosses to another origin.
import { describeRedirects, redirectServers } from '../suites/redirects.js';
import { specVendors } from './spec-vendors.js';

describeRedirects(
  redirectServers(),
  specVendors.map(({ vendor, facts }) => ({ name: vendor.slug, facts })),
);
