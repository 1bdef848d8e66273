// Helpers for tests that start real processes: whether one still runs, which mocks a process started, polling,
// and temporary folders that do not outlive the test file.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a process is running: it exists and is not a zombie waiting for a parent that does not reap it. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** The mock processes (Prism under @modelspecs/mock's watchdog) whose parent is `parentPid`, found through /proc. */
export function mockChildren(parentPid: number = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== parentPid || fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('prism-watchdog')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Polls `condition` every 50 ms until it holds; throws with `what` when it does not within `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Node script run as a child process, its output collected as it comes. */
export interface NodeRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `node <script> ...args` in `cwd`, with `env` added to this process's environment; the caller kills it
 * (SIGKILL in an afterEach) if the test leaves it running.
 */
export function runNode(
  script: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): NodeRun {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

const tempFolders: string[] = [];

/** A new folder in the system temporary folder; `removeTempFolders` (in the test file's `afterAll`) removes it. */
export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(folder);
  return folder;
}

/** Removes every folder `tempFolder` made in this process. */
export function removeTempFolders(): void {
  for (const folder of tempFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/**
 * A throwaway package folder in `parent`: a package.json (name, version 1.0.0, ESM, MIT, then `manifest`) and `files`
 * (name: content). For the tests of the package checks.
 */
export function fixturePackage(
  parent: string,
  name: string,
  manifest: object,
  files: Record<string, string>,
): string {
  const dir = mkdtempSync(join(parent, `${name}-`));
  const json = { name, version: '1.0.0', type: 'module', license: 'MIT', ...manifest };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(json));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}
