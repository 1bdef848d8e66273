// The workspace's published packages, packed and installed the way a user gets them: `pnpm pack` (which turns
// workspace: ranges into versions) and `npm install` of the tarballs in a folder outside the workspace.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every package of the workspace that is not private, by name: `{ name, dir }`. */
export function publicPackages() {
  return ['packages', 'specs']
    .flatMap((group) =>
      readdirSync(join(root, group), { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(root, group, e.name, 'package.json')))
        .map((e) => join(root, group, e.name)),
    )
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs every public package into `dest`; returns `{ name: tarball path }`. */
export function packAll(dest) {
  mkdirSync(dest, { recursive: true });
  const tarballs = {};
  for (const { name, dir } of publicPackages()) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: dir, encoding: 'utf8' });
    const file = out.trim().split('\n').at(-1).trim();
    tarballs[name] = file.startsWith('/') ? file : join(dest, file);
  }
  return tarballs;
}

/** The environment of a user's shell: no workspace variables, no pnpm or npm settings of this checkout. */
export function userEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of Object.keys(env)) {
    if (name === 'MODELSPECS_ROOT' || /^(npm|pnpm)_/i.test(name)) delete env[name];
  }
  env.NO_UPDATE_NOTIFIER = '1';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}

/** A new, empty npm project in the system's temp folder (outside any workspace). */
export function emptyProject(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  return dir;
}

/** `npm install` in `dir`; throws with npm's output when it fails. */
export function npmInstall(dir, specs, flags = []) {
  const run = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...flags, ...specs],
    {
      cwd: dir,
      env: userEnv(),
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`npm install ${specs.join(' ')} failed:\n${run.stdout}${run.stderr}`);
}

function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** What an install brought: the number of packages npm installed and the size of node_modules in MB. */
export function installSize(dir) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages ?? {}).filter((key) => key.startsWith('node_modules/')).length;
  return { packages, mb: folderBytes(join(dir, 'node_modules')) / 1e6 };
}
