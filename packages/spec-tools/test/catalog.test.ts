import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { checkoutAround } from '../src/root.js';
import { installedVendors, specFileVendor, vendorCatalog } from '../src/vendors.js';
import { repoRoot } from './helpers.js';

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const writeJson = (file: string, value: unknown) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
};

/** A user's project where npm installed a tool that depends on the spec package of "acme". */
function installedTool(): { project: string; tool: string } {
  const project = tempDir('modelspecs-catalog-');
  // The user's own pnpm monorepo with a specs/ folder: not ours, whatever it holds.
  writeFileSync(join(project, 'pnpm-workspace.yaml'), 'packages: []\n');
  writeJson(join(project, 'package.json'), { name: 'modelspecs' });
  mkdirSync(join(project, 'specs', 'theirs'), { recursive: true });
  const modules = join(project, 'node_modules', '@modelspecs');
  const tool = join(modules, 'mock');
  writeJson(join(tool, 'package.json'), {
    name: '@modelspecs/mock',
    dependencies: { '@modelspecs/spec-acme': '1.0.0', '@modelspecs/spec-tools': '1.0.0', other: '1.0.0' },
  });
  writeJson(join(modules, 'spec-acme', 'package.json'), {
    name: '@modelspecs/spec-acme',
    exports: { './package.json': './package.json' },
    modelspecs: { envVar: 'ACME_API_KEY', mockPort: 4999 },
  });
  return { project, tool };
}

describe('where a tool finds its vendors', () => {
  // The override is set and cleared here only to prove what happens without it; turbo never passes it to tasks.
  const env: Record<string, string | undefined> = process.env;
  const saved = env.MODELSPECS_ROOT;
  afterEach(() => {
    if (saved === undefined) delete env.MODELSPECS_ROOT;
    else env.MODELSPECS_ROOT = saved;
  });

  it('a tool inside this checkout serves its working tree, from any working folder', () => {
    delete env.MODELSPECS_ROOT;
    expect(checkoutAround(join(repoRoot, 'packages', 'mock'))).toBe(realpathSync(repoRoot));
    const catalog = vendorCatalog(join(repoRoot, 'packages', 'mock'));
    expect(catalog.vendors.map((v) => v.specFile)).toContain(
      join(realpathSync(repoRoot), 'specs', 'tensoras', 'openapi.yaml'),
    );
  });

  it('an installed tool serves the spec packages it depends on, even inside a workspace with specs/', () => {
    delete env.MODELSPECS_ROOT;
    const { project, tool } = installedTool();
    expect(checkoutAround(tool)).toBeUndefined();
    const { vendors } = vendorCatalog(tool);
    expect(vendors).toEqual([
      {
        slug: 'acme',
        specPackage: '@modelspecs/spec-acme',
        clientPackage: '@modelspecs/acme',
        dir: join(project, 'node_modules', '@modelspecs', 'spec-acme'),
        specFile: join(project, 'node_modules', '@modelspecs', 'spec-acme', 'dist', 'openapi.json'),
        envVar: 'ACME_API_KEY',
        mockPort: 4999,
        namedTypes: [],
      },
    ]);
  });

  it('a workspace that is not the modelspecs repository is not a checkout', () => {
    const other = tempDir('modelspecs-other-');
    writeFileSync(join(other, 'pnpm-workspace.yaml'), 'packages: []\n');
    writeJson(join(other, 'package.json'), { name: 'their-monorepo' });
    mkdirSync(join(other, 'specs'));
    mkdirSync(join(other, 'tools', 'mock'), { recursive: true });
    expect(checkoutAround(join(other, 'tools', 'mock'))).toBeUndefined();
  });

  it('names the spec package that is missing from an install', () => {
    const { tool } = installedTool();
    writeJson(join(tool, 'package.json'), { dependencies: { '@modelspecs/spec-gone': '1.0.0' } });
    expect(() => installedVendors(tool)).toThrow(UsageError);
    expect(() => installedVendors(tool)).toThrow(
      /@modelspecs\/spec-gone is not installed.*npm install @modelspecs\/spec-gone/,
    );
  });
});

describe('specFileVendor', () => {
  it('names a spec file by its name, or its folder for openapi.yaml', () => {
    expect(specFileVendor('/tmp/x/Pet Store.yaml')).toMatchObject({
      slug: 'pet-store',
      specFile: '/tmp/x/Pet Store.yaml',
      envVar: 'MODELSPECS_API_KEY',
      mockPort: 4010,
    });
    expect(specFileVendor('/tmp/billing-api/openapi.json').slug).toBe('billing-api');
  });
});
