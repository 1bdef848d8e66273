import { UsageError } from '@modelspecs/spec-tools/cli';
import type { MockFailure, StartMocksOptions } from './start.js';

/** The seed of `--dynamic` when none is given: generated answers are the same on every run. */
export const DEFAULT_SEED = 'modelspecs';

/** The `node:util` parseArgs options shared by `modelspecs-mock` and the repository's `pnpm start`. */
export const mockArgOptions = {
  vendor: { type: 'string' },
  spec: { type: 'string' },
  'port-base': { type: 'string' },
  host: { type: 'string' },
  dynamic: { type: 'boolean', default: false },
  seed: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface MockArgValues {
  vendor?: string;
  spec?: string;
  'port-base'?: string;
  host?: string;
  dynamic?: boolean;
  seed?: string;
  verbose?: boolean;
}

/** Parses a port flag strictly: `4010` is a port, `4010abc`, `-1` and `70000` are usage errors naming the flag. */
export function parsePort(flag: string, text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${flag}: "${text}" is not a port; give an integer between 1 and 65535.`);
  }
  return port;
}

/** startMocks options from parsed flags; without --port-base the mocks use their default ports (`defaultPortBase`). */
export function startOptionsFromArgs(values: MockArgValues, defaultPortBase: number): StartMocksOptions {
  if (values.host !== undefined && values.host.trim() === '') {
    throw new UsageError('--host: give an interface address such as 127.0.0.1.');
  }
  return {
    vendors: values.vendor,
    spec: values.spec,
    portBase:
      values['port-base'] === undefined ? defaultPortBase : parsePort('--port-base', values['port-base']),
    host: values.host,
    dynamic: values.dynamic,
    seed: values.seed,
    verbose: values.verbose,
  };
}

/** One line that says which mock died and why. */
export function describeFailure(failure: MockFailure): string {
  return `The ${failure.slug} mock (${failure.name}, port ${failure.port}) stopped unexpectedly: ${failure.reason}. The other mocks were stopped.`;
}

/**
 * An AbortSignal that fires on the first SIGINT, SIGTERM or SIGHUP, so start-up and the running mocks stop in
 * order. A second signal exits at once; the mocks' 'exit' hook still kills them.
 */
export function shutdownSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`Stopped by ${name}`));
  };
  for (const name of signals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}
