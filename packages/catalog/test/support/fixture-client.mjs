// A fixture vendor's client package, as far as the catalog uses one: the facts `modelspecs-spec generate` writes to a
// generated package's vendor.gen.ts, read from the fixture vendor's spec (see fixture-clients.mjs).
import { fileURLToPath } from 'node:url';
import { bundleSpec, getVendor, vendorFacts } from '@modelspecs/spec-tools';

const root = fileURLToPath(new URL('../fixtures/five-vendors', import.meta.url));
const spec = getVendor(new URL(import.meta.url).searchParams.get('slug'), root);
export const vendor = vendorFacts(await bundleSpec(spec.specFile), spec, '0.0.0');
