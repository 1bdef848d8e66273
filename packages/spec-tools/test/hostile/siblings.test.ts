import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { renderClientModules } from '../../src/generate.js';
import { bundleSpec } from '../../src/load.js';
import { discoverVendors, getVendor } from '../../src/vendors.js';
import { hostileWorkspace } from './support.js';

const failure = (work: () => unknown) =>
  Promise.resolve()
    .then(work)
    .then(
      () => undefined,
      (e: unknown) => e,
    );

describe('the other files a spec folder holds are confined too', () => {
  it('a spec file that is itself a link to a file outside is refused', async () => {
    const { root, specFile } = hostileWorkspace('ref-etc-passwd.yaml');
    rmSync(specFile);
    symlinkSync('/etc/passwd', specFile);
    const error = await failure(() => bundleSpec(specFile, root));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toContain(
      'specs/acme/openapi.yaml is a link to /etc/passwd, outside specs/acme/',
    );
  });

  it('a package manifest linked to the environment is refused without quoting it', async () => {
    const secret = readFileSync('/proc/self/environ', 'utf8').slice(0, 8);
    const { root, specDir } = hostileWorkspace('ref-etc-passwd.yaml');
    const manifest = join(specDir, 'package.json');
    rmSync(manifest);
    symlinkSync('/proc/self/environ', manifest);
    const error = await failure(() => discoverVendors(root));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toContain(
      'specs/acme/package.json: cannot read the spec package manifest: specs/acme/package.json is a link to /proc/',
    );
    expect((error as Error).message).not.toContain(secret);
  });
});

describe('only regular files are read', () => {
  it('a $ref to a named pipe inside the folder is refused without opening it', {
    timeout: 60_000,
  }, async () => {
    const { root, specDir, specFile } = hostileWorkspace('ref-symlink.yaml');
    execFileSync('mkfifo', [join(specDir, 'linked.md')]);
    const error = await failure(() => bundleSpec(specFile, root));
    expect((error as SpecError).problems[0]).toMatch(
      /#\/info\/description: Can't resolve \$ref: specs\/acme\/linked\.md is not a regular file/,
    );
  });
});

describe('generate hands openapi-typescript a document that names nothing outside itself', () => {
  it('refuses a bundle that still holds a $ref to a file, naming its pointer', async () => {
    const { root, specFile } = hostileWorkspace('split');
    const doc = await bundleSpec(specFile, root);
    doc.components!.schemas!.Leak = { $ref: '/etc/passwd' };
    const error = await failure(() => renderClientModules(doc, getVendor('acme', root), '1.0.0'));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      expect.stringMatching(/^#\/components\/schemas\/Leak\/\$ref: \$ref "\/etc\/passwd" is left unresolved/),
    ]);
  });
});
