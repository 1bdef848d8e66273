import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

// One level above both src/ and dist/, so tests from source and the built package find the same files.
const watchdog = new URL('../preload/prism-watchdog.mjs', import.meta.url).href;
// Prism's own server, once per spec, in one process (see the file).
const prismServers = fileURLToPath(new URL('../server/prism-servers.mjs', import.meta.url));

/** One spec a Prism process serves. */
export interface PrismServer {
  slug: string;
  specFile: string;
  /** 0: a port the OS picks when Prism binds it. */
  port: number;
}

/** What a Prism process serves, and how. */
export interface PrismSettings {
  servers: PrismServer[];
  host: string;
  dynamic: boolean;
  seed: string;
  /** Prism's own request log (`-v info`) instead of warnings and errors only. */
  verbose: boolean;
  /** Each line the process writes: about one mock (`slug`), or about the whole process (`undefined`). */
  onOutput?: (slug: string | undefined, line: string) => void;
}

export interface PrismLaunch extends PrismSettings {
  /** Removed when the process ends, by it or by us, whichever comes first. */
  tmpDir: string;
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

/** The host part of a URL that reaches a server bound to `host`. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

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

/** What the process said about one of its mocks. */
interface ServerState {
  failed?: string;
  /** Settles with the port once the mock listens, or with undefined when it failed or the process ended. */
  settled: Promise<number | undefined>;
  settle: (port: number | undefined) => void;
}

/** A message of server/prism-servers.mjs about one mock. */
interface ServerReport {
  mock: string;
  line?: string;
  listening?: number;
  failed?: string;
}

function parseReport(line: string): ServerReport | undefined {
  if (!line.startsWith('{"mock":')) return undefined;
  try {
    return JSON.parse(line) as ServerReport;
  } catch {
    return undefined;
  }
}

function keep(lines: string[], line: string): void {
  lines.push(line);
  if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
}

/**
 * The Prism process of one or more mocks: a child process in its own process group that runs Prism's own server once
 * per spec, each on its own port (server/prism-servers.mjs).
 */
export class PrismProcess {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;
  private readonly tmpDir: string;
  /** Lines about the whole process (Node's own errors, say). */
  private readonly lines: string[] = [];
  private readonly servers = new Map<string, ServerState>();
  private exitStatus: ExitStatus | undefined;
  private stopRequested = false;
  private served = false;
  private readonly settingsPipe: Writable;
  private onOutput: PrismSettings['onOutput'];

  /**
   * Starts the process. Given only `tmpDir`, it loads Prism and waits for `serve()`, so that Prism loads while the
   * caller is still preparing the specs; given everything, it serves at once.
   */
  constructor(launch: PrismLaunch | { tmpDir: string }) {
    this.tmpDir = launch.tmpDir;
    // Detached: a Ctrl-C in the terminal reaches only the parent, which then stops the mocks in order instead of
    // seeing them die at once. The stdin pipe is the watchdog's lifeline (see preload/prism-watchdog.mjs); a
    // fourth pipe carries the settings server/prism-servers.mjs waits for, whenever serve() sends them.
    this.child = spawn(process.execPath, ['--import', watchdog, prismServers], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MODELSPECS_MOCK_TMPDIR: launch.tmpDir,
        FORCE_COLOR: '0',
        DO_NOT_TRACK: '1',
        SCARF_ANALYTICS: 'false',
      },
    });
    if (this.child.pid === undefined) throw new Error(`Cannot start ${process.execPath} ${prismServers}`);
    this.pid = this.child.pid;
    this.child.stdin?.on('error', () => {});
    this.settingsPipe = this.child.stdio[3] as Writable;
    this.settingsPipe.on('error', () => {});
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (raw) => this.heard(raw));
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        rmSync(this.tmpDir, { recursive: true, force: true });
        for (const server of this.servers.values()) server.settle(undefined);
        resolve(this.exitStatus);
      });
    });
    if ('servers' in launch) this.serve(launch);
  }

  /** The folder the process owns: its spec files go here. */
  get folder(): string {
    return this.tmpDir;
  }

  /** Whether `serve()` has told the process what to serve. */
  get isServing(): boolean {
    return this.served;
  }

  /** Tells the process what to serve; once per process. */
  serve(settings: PrismSettings): void {
    if (this.served) throw new Error(`Prism (pid ${this.pid}) already serves ${this.slugs.join(', ')}`);
    this.served = true;
    this.onOutput = settings.onOutput;
    for (const { slug } of settings.servers) {
      let settle!: (port: number | undefined) => void;
      const settled = new Promise<number | undefined>((resolve) => {
        settle = resolve;
      });
      this.servers.set(slug, { settled, settle });
      if (this.hasExited) settle(undefined);
    }
    const { host, dynamic, seed, verbose, servers } = settings;
    this.settingsPipe.end(`${JSON.stringify({ host, dynamic, seed, verbose, servers })}\n`);
  }

  private heard(raw: string): void {
    const { onOutput } = this;
    const report = parseReport(raw);
    const server = report && this.servers.get(report.mock);
    if (!report || !server) {
      const line = raw.replace(ANSI, '').trimEnd();
      keep(this.lines, line);
      onOutput?.(undefined, line);
      return;
    }
    if (report.line !== undefined) onOutput?.(report.mock, report.line);
    if (report.listening !== undefined) server.settle(report.listening);
    if (report.failed !== undefined) {
      server.failed = report.failed;
      server.settle(undefined);
    }
  }

  get hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  /** Whether the process is ending because `stop()` asked it to. */
  get isStopping(): boolean {
    return this.stopRequested;
  }

  /** The mocks this process serves, in the order they were given. */
  get slugs(): string[] {
    return [...this.servers.keys()];
  }

  /** The mock whose failure ended the process, if one did. */
  get failedSlug(): string | undefined {
    return [...this.servers].find(([, server]) => server.failed !== undefined)?.[0];
  }

  /**
   * What Prism said about a failure of `slug` (or of the whole process): the reason it gave for that mock, its
   * fatal log messages and Node's error lines, else the process's last lines that are not stack frames.
   */
  explanation(slug?: string): string[] {
    const server = slug === undefined ? undefined : this.servers.get(slug);
    const lines = this.lines;
    const errors = lines.filter((line) => /^([A-Za-z]*Error\b|listen )/.test(line));
    const said = [
      ...new Set([
        ...(server?.failed ? [server.failed] : []),
        ...errors.map((e) => e.replace(/^Error: /, '')),
      ]),
    ];
    if (said.length > 0) return said;
    return lines.filter((line) => line.trim() !== '' && !/^\s+at /.test(line)).slice(-3);
  }

  /** Whether the port of `slug` was taken. */
  lostPort(slug: string): boolean {
    return this.servers.get(slug)?.failed?.includes('EADDRINUSE') ?? false;
  }

  /** Why the process ended, for an error message about `slug`: exit code or signal, and what Prism said. */
  describeExit(slug?: string): string {
    const status = this.exitStatus;
    const how = !status
      ? 'is still running'
      : status.signal
        ? `was killed by ${status.signal}`
        : `exited with code ${status.code}`;
    const said = this.explanation(slug).join(' | ');
    const shared = this.servers.size > 1 ? `, serving ${this.slugs.join(', ')}` : '';
    return `Prism (pid ${this.pid}${shared}) ${how}${said ? `: ${said}` : ''}`;
  }

  /**
   * Resolves with the port of `slug` once that mock answers HTTP on `host`, or with `'exited'` when it failed or the
   * process ended first. Throws when it does not within `timeoutMs`.
   */
  async waitUntilReady(slug: string, host: string, timeoutMs: number): Promise<number | 'exited'> {
    const server = this.servers.get(slug);
    if (!server) throw new Error(`This Prism process does not serve ${slug}`);
    const timedOut = sleep(timeoutMs).then(() => 'timeout' as const);
    const port = await Promise.race([server.settled, timedOut]);
    if (port === 'timeout') throw new Error(`Prism did not start serving it within ${timeoutMs / 1000} s`);
    if (port === undefined || this.hasExited) return 'exited';
    // Prism reported its server listening: one request proves it answers (and that it is Prism that does).
    const origin = `http://${urlHost(host)}:${port}`;
    const exited = this.exited.then(() => 'exited' as const);
    for (;;) {
      const answer = await Promise.race([probe(origin), exited, timedOut]);
      if (answer === 'exited' || this.hasExited) return 'exited';
      if (answer === 'prism') return port;
      if (answer === 'timeout')
        throw new Error(`Prism did not answer on ${origin} within ${timeoutMs / 1000} s`);
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
