// The module resolution hooks of fixture-clients.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const specs = new URL('../fixtures/five-vendors/specs/', import.meta.url);
const client = new URL('./fixture-client.mjs', import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const slug = /^@modelspecs\/([a-z0-9-]+)$/.exec(specifier)?.[1];
  if (slug && existsSync(fileURLToPath(new URL(`${slug}/openapi.yaml`, specs)))) {
    return { url: `${client.href}?slug=${slug}`, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
