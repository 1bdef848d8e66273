import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  selectVendors,
  specFileVendor,
  UsageError,
  type Vendor,
  vendorCatalog,
  vendorFacts,
} from '@modelspecs/spec-tools';
import { DEFAULT_SEED } from './command.js';
import { PortInUseError } from './errors.js';
import { mockDocument } from './mock-document.js';
import { isPortFree } from './ports.js';
import type { StartMocksOptions } from './start.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
/** This package's folder: where it is installed decides which specs it serves (see vendorCatalog). */
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_READY_TIMEOUT_MS = 60_000;

export const PORT_HINT: string =
  'Stop whatever uses it, or move the mocks to other ports with --port-base <port> ' +
  '(`portBase` in startMocks; e.g. --port-base 5010).';

/** One mock to launch: the vendor, its facts, the document Prism serves, and the port to try first. */
export interface PlannedMock {
  vendor: Vendor;
  facts: ReturnType<typeof vendorFacts>;
  /** The JSON text of the document Prism serves. */
  document: string;
  basePath: string;
  /** The port given by `portBase`; 0 lets the OS pick a free one when Prism binds it. */
  port: number;
  /**
   * The document sets json-schema-faker options (`x-json-schema-faker`), which Prism keeps for the whole process:
   * this mock gets a Prism process of its own, so that the options reach no other mock.
   */
  ownProcess: boolean;
}

/** Everything startMocks() decided before spawning anything. */
export interface MockPlan {
  host: string;
  dynamic: boolean;
  seed: string;
  readyTimeoutMs: number;
  verbose: boolean;
  /** Ports given by `portBase`: a taken one is an error. Otherwise the OS picks each when Prism binds it. */
  fixedPorts: boolean;
  mocks: PlannedMock[];
}

/** The vendors these options serve, and the folder error messages name files from. */
function servedVendors(options: Pick<StartMocksOptions, 'root' | 'spec'>): {
  vendors: Vendor[];
  displayRoot: string;
} {
  if (options.spec === undefined) return vendorCatalog(PACKAGE_DIR, options.root);
  if (options.spec.trim() === '') throw new UsageError('--spec: give the path of an OpenAPI file');
  return { vendors: [specFileVendor(options.spec)], displayRoot: process.cwd() };
}

/**
 * The `portBase` that gives every vendor its default port (`modelspecs.mockPort` beside its spec); 4010 for a spec
 * given by file.
 */
export function defaultPortBase(root?: string, spec?: string): number {
  return Math.min(...servedVendors({ root, spec }).vendors.map((v) => v.mockPort));
}

function portsFromBase(portBase: number, selected: Vendor[], all: Vendor[]): number[] {
  if (!Number.isInteger(portBase) || portBase < 1 || portBase > 65535) {
    throw new UsageError(`--port-base: "${portBase}" is not a port; give an integer between 1 and 65535.`);
  }
  const lowest = Math.min(...all.map((v) => v.mockPort));
  return selected.map((vendor) => {
    const port = portBase + (vendor.mockPort - lowest);
    if (port > 65535) {
      throw new UsageError(
        `--port-base: ${portBase} would put the ${vendor.slug} mock on port ${port}, above 65535; give a lower base.`,
      );
    }
    return port;
  });
}

async function prepare(vendor: Vendor, root: string): Promise<Omit<PlannedMock, 'port'>> {
  const where = relative(root, vendor.specFile) || vendor.specFile;
  const source = await bundleSpec(vendor.specFile, root);
  const facts = vendorFacts(source, vendor, version);
  const { document, basePath } = mockDocument(source, where);
  return {
    vendor,
    facts,
    document: `${JSON.stringify(document)}\n`,
    basePath,
    ownProcess: Object.hasOwn(document, 'x-json-schema-faker'),
  };
}

/**
 * Checks the options, bundles each selected vendor's spec into the document its mock serves, and picks the ports.
 * Spawns nothing: a usage error, a broken spec or a taken fixed port is reported before any process exists.
 */
export async function planMocks(options: StartMocksOptions): Promise<MockPlan> {
  const host = options.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host: give an interface address such as 127.0.0.1.');
  if (options.spec !== undefined && options.vendors !== undefined && options.vendors.length > 0) {
    throw new UsageError('--spec and --vendor exclude each other: mock either a spec file or vendors');
  }
  const { vendors: all, displayRoot: root } = servedVendors(options);
  const selected = selectVendors(options.vendors, all);
  const fixedPorts =
    options.portBase === undefined ? undefined : portsFromBase(options.portBase, selected, all);

  const prepared = await Promise.all(selected.map((vendor) => prepare(vendor, root)));
  if (fixedPorts) {
    for (const [i, port] of fixedPorts.entries()) {
      if (!(await isPortFree(host, port))) throw new PortInUseError(selected[i]!.slug, host, port, PORT_HINT);
    }
  }
  return {
    host,
    dynamic: options.dynamic ?? false,
    seed: options.seed ?? DEFAULT_SEED,
    readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    verbose: options.verbose ?? false,
    fixedPorts: fixedPorts !== undefined,
    mocks: prepared.map((mock, i) => ({ ...mock, port: fixedPorts?.[i] ?? 0 })),
  };
}
