import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);

/** The Prism CLI entry point (`prism` bin) of the pinned @stoplight/prism-cli. */
export const prismCli: string = require.resolve('@stoplight/prism-cli');

// One level above both src/ and dist/, so tests from source and the built package find the same file.
const watchdog = new URL('../preload/prism-watchdog.mjs', import.meta.url).href;
// The vendor's answer to invalid requests instead of Prism's own (see the file).
const invalidRequests = new URL('../preload/invalid-requests.mjs', import.meta.url).href;

export interface PrismLaunch {
  specFile: string;
  /** Removed when the process ends, by it or by us, whichever comes first. */
  tmpDir: string;
  host: string;
  port: number;
  dynamic: boolean;
  seed: string;
  /** Prism's own request log (`-v info`) instead of warnings and errors only. */
  verbose: boolean;
  onOutput?: (line: string) => void;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const OUTPUT_LINES_KEPT = 60;
// Prism's logger (signale) colours its output whenever it thinks it can.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** A path no spec has: Prism answers it with its own "no path matched" problem, which no other server sends. */
const PROBE_PATH = '/__modelspecs_mock_readiness_probe__';

/** Whether Prism answers at `origin`; `'other'` when something else holds the port. */
function probe(origin: string): Promise<'prism' | 'other' | 'no-answer'> {
  return new Promise((resolve) => {
    const req = request(
      `${origin}${PROBE_PATH}`,
      { agent: false, timeout: 1000, headers: { connection: 'close' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 4096) body += chunk;
        });
        res.on('end', () => resolve(body.includes('stoplight.io/prism/errors') ? 'prism' : 'other'));
        res.on('error', () => resolve('no-answer'));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve('no-answer'));
    req.end();
  });
}

/** One Prism mock server running as a child process in its own process group. */
export class PrismProcess {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;
  private readonly tmpDir: string;
  private readonly lines: string[] = [];
  private exitStatus: ExitStatus | undefined;
  private stopRequested = false;

  constructor(launch: PrismLaunch) {
    const args = [
      '--import',
      watchdog,
      '--import',
      invalidRequests,
      prismCli,
      'mock',
      launch.specFile,
      '--port',
      String(launch.port),
      '--host',
      launch.host,
      '--verboseLevel',
      launch.verbose ? 'info' : 'warn',
    ];
    if (launch.dynamic) args.push('--dynamic', '--seed', launch.seed);
    this.tmpDir = launch.tmpDir;
    // Detached: a Ctrl-C in the terminal reaches only the parent, which then stops the mocks in order instead of
    // seeing them die at once. The stdin pipe is the watchdog's lifeline (see preload/prism-watchdog.mjs).
    this.child = spawn(process.execPath, args, {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MODELSPECS_MOCK_TMPDIR: launch.tmpDir,
        MODELSPECS_MOCK_SPEC: launch.specFile,
        FORCE_COLOR: '0',
        DO_NOT_TRACK: '1',
        SCARF_ANALYTICS: 'false',
      },
    });
    if (this.child.pid === undefined) throw new Error(`Cannot start ${process.execPath} ${prismCli}`);
    this.pid = this.child.pid;
    this.child.stdin?.on('error', () => {});
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (raw) => {
        const line = raw.replace(ANSI, '').trimEnd();
        this.lines.push(line);
        if (this.lines.length > OUTPUT_LINES_KEPT) this.lines.shift();
        launch.onOutput?.(line);
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        rmSync(this.tmpDir, { recursive: true, force: true });
        resolve(this.exitStatus);
      });
    });
  }

  get hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  /** Whether the process is ending because `stop()` asked it to. */
  get isStopping(): boolean {
    return this.stopRequested;
  }

  /**
   * What Prism said about a failure: its fatal log messages and error lines, else its last lines that are not
   * request logs, usage text or stack frames.
   */
  explanation(): string[] {
    const lines = this.lines.map((line) => line.replace(/^\[[^\]]*\] › /, ''));
    const fatal = lines.map((line) => /\bfatal\s+(\S.*)$/.exec(line)?.[1]).filter((m): m is string => !!m);
    const errors = lines.filter((line) => /^([A-Za-z]*Error\b|listen )/.test(line));
    const said = [...new Set([...fatal, ...errors.map((e) => e.replace(/^Error: /, ''))])];
    if (said.length > 0) return said;
    const helpEnd = lines.findLastIndex((line) => line.trimStart().startsWith('--seed'));
    return lines
      .slice(helpEnd + 1)
      .filter((line) => line.trim() !== '' && !/^\s+at /.test(line))
      .filter((line) => !/\[(HTTP SERVER|NEGOTIATOR|VALIDATOR|ROUTER|MOCKER)\]|Starting Prism/.test(line))
      .slice(-3);
  }

  /** Whether Prism's output says its port was taken. */
  get lostPortRace(): boolean {
    return this.lines.some((line) => line.includes('EADDRINUSE'));
  }

  /** Why the process ended, for an error message: exit code or signal, and the last thing Prism said. */
  describeExit(): string {
    const status = this.exitStatus;
    const how = !status
      ? 'is still running'
      : status.signal
        ? `was killed by ${status.signal}`
        : `exited with code ${status.code}`;
    const said = this.explanation().join(' | ');
    return `Prism (pid ${this.pid}) ${how}${said ? `: ${said}` : ''}`;
  }

  /**
   * Resolves `'ready'` once Prism answers at `origin`, or `'exited'` when the process ends first. Throws when
   * Prism does not answer within `timeoutMs`.
   */
  async waitUntilReady(origin: string, timeoutMs: number): Promise<'ready' | 'exited'> {
    const deadline = Date.now() + timeoutMs;
    const exited = this.exited.then(() => 'exited' as const);
    for (;;) {
      if (this.hasExited) return 'exited';
      const answer = await Promise.race([probe(origin), exited]);
      if (answer === 'exited' || this.hasExited) return 'exited';
      if (answer === 'prism') return 'ready';
      // 'other': a server that is not this Prism holds the port; Prism will exit with EADDRINUSE shortly.
      if (Date.now() > deadline) {
        throw new Error(`Prism did not answer on ${origin} within ${timeoutMs / 1000} s`);
      }
      await Promise.race([sleep(100), exited]);
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is gone already.
    }
  }

  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the process has exited. */
  async stop(graceMs = 3000): Promise<void> {
    this.stopRequested = true;
    if (!this.hasExited) {
      this.signalGroup('SIGTERM');
      const inTime = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!inTime) this.signalGroup('SIGKILL');
      await this.exited;
    }
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  /** For process 'exit' handlers, which cannot wait: kill the group and remove the temporary folder now. */
  killNow(): void {
    this.stopRequested = true;
    // Once the process has exited its pid (and group id) may belong to someone else.
    if (!this.hasExited) this.signalGroup('SIGKILL');
    rmSync(this.tmpDir, { recursive: true, force: true });
  }
}
