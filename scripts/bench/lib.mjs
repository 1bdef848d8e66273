// Shared by the benchmark sections: where things are, how a figure is written, and how a process tree is measured.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `require.resolve` as seen from a workspace package: that package's own dependencies, by their public entries. */
export const resolveFrom = (packageDir, specifier) =>
  createRequire(join(root, packageDir, 'package.json')).resolve(specifier);

/** One measured figure. `command` reproduces it; `method` says how it was taken. */
export const figure = (id, label, value, unit, { note, method, command } = {}) => ({
  id,
  label,
  value,
  unit,
  ...(note ? { note } : {}),
  ...(method ? { method } : {}),
  ...(command ? { command } : {}),
});

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The workspace's packages (folder, manifest), from packages/* and specs/*. */
export function workspacePackages() {
  return ['packages', 'specs'].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(root, group, e.name, 'package.json')))
      .map((e) => ({
        dir: join(group, e.name),
        manifest: JSON.parse(readFileSync(join(root, group, e.name, 'package.json'), 'utf8')),
      })),
  );
}

/** The vendors, from specs/* (slug, client package folder). */
export const vendorSlugs = () =>
  readdirSync(join(root, 'specs'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, 'specs', e.name, 'openapi.yaml')))
    .map((e) => e.name)
    .sort();

function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14) ... rss(21, pages).
      table.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
        rssPages: Number(fields[21]),
      });
    } catch {
      // Ended while we looked.
    }
  }
  return table;
}

function treeOf(table, pid) {
  const inTree = (p) => {
    for (let at = p; at > 1; at = table.get(at)?.ppid ?? 0) if (at === pid) return true;
    return false;
  };
  return [...table].filter(([p]) => inTree(p)).map(([, info]) => info);
}

const PAGE_BYTES = 4096;
export const TICKS_PER_SECOND = 100;

/** CPU seconds of `pid` and its descendants so far (their own time plus the children each has waited for). */
export const treeCpuSeconds = (pid) =>
  treeOf(processTable(), pid).reduce((n, p) => n + p.ticks, 0) / TICKS_PER_SECOND;

/** Resident memory of `pid` and its descendants now, in bytes. */
export const treeRssBytes = (pid) =>
  treeOf(processTable(), pid).reduce((n, p) => n + p.rssPages, 0) * PAGE_BYTES;

/** Samples a process tree's resident memory every `everyMs` until stopped; `stop()` returns the peak in bytes. */
export function peakRss(pid, everyMs = 200) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRssBytes(pid));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

export const mib = (bytes) => bytes / 1024 / 1024;

/** The machine a run was taken on, for the page. */
export function machine() {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown CPU';
  const count = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return {
    cpu: cpus,
    cores: Number(count),
    node: process.version,
    platform: process.platform,
    loadAverage: load,
  };
}
