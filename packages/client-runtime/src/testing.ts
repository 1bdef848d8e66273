// Test suites every vendor client package runs, kept here so that each package's test file stays a few lines.
// Test-only: it needs vitest, @modelspecs/spec-tools, publint and @arethetypeswrong/cli (optional peers), none of
// which the runtime itself loads.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { bundleSpec, exampleRequest, getVendor, listOperations } from '@modelspecs/spec-tools';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOptions, VendorClient } from './client.js';
import { ApiError, parseErrorBody, unwrap } from './errors.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The part of `@modelspecs/mock`'s startMocks() the suites use. */
export type StartMocks = (options: {
  vendors: string[];
}) => Promise<{ urls: Record<string, string>; stop(): Promise<void> }>;

export interface ClientPackageSuite {
  /** The vendor's slug: its spec is `specs/<slug>/openapi.yaml`. */
  slug: string;
  /** The package folder, holding its package.json and built `dist/`. */
  packageDir: string;
  // biome-ignore lint/suspicious/noExplicitAny: any vendor's factory, whatever its paths and facts.
  createClient: (options: ClientOptions<any>) => VendorClient<any>;
  startMocks: StartMocks;
}

/** What publint (strict) and attw (ESM-only profile, on the packed tarball) find wrong with a built package. */
export async function packageProblems(packageDir: string): Promise<string[]> {
  const { messages, pkg } = await publint({ pkgDir: packageDir, strict: true, pack: 'pnpm' });
  const problems = messages.map((message) => `publint: ${formatMessage(message, pkg) ?? message.code}`);
  const attwPackage = require.resolve('@arethetypeswrong/cli/package.json');
  const attw = join(dirname(attwPackage), JSON.parse(readFileSync(attwPackage, 'utf8')).bin.attw);
  try {
    await run(process.execPath, [attw, '--pack', packageDir, '--profile', 'esm-only', '--format', 'ascii'], {
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
  } catch (error) {
    problems.push(`attw: ${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
  return problems;
}

/**
 * Registers the suites of a vendor client package: its published shape (publint, attw), and every operation of its
 * spec sent through the real client to the real mock, answered 2xx with a key and 401 without one.
 */
export async function describeClientPackage(suite: ClientPackageSuite): Promise<void> {
  const vendor = getVendor(suite.slug);
  const doc = await bundleSpec(vendor.specFile);
  const operations = listOperations(doc).map((entry) => ({
    name: `${entry.method.toUpperCase()} ${entry.path} (${entry.operation.operationId})`,
    request: exampleRequest(doc, entry),
  }));

  describe(`${vendor.clientPackage} as published`, () => {
    it('passes publint and attw', { timeout: 60_000 }, async () => {
      expect(await packageProblems(suite.packageDir)).toEqual([]);
    });
  });

  describe(`${vendor.clientPackage} against the ${vendor.slug} mock`, () => {
    let baseUrl: string;
    let stop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const mocks = await suite.startMocks({ vendors: [vendor.slug] });
      stop = () => mocks.stop();
      baseUrl = mocks.urls[vendor.slug]!;
    });
    afterAll(async () => {
      await stop?.();
    });

    const send = (
      client: VendorClient<Record<string, never>>,
      request: (typeof operations)[number]['request'],
    ) =>
      // The spec's own example request: its path, query and header parameters and its JSON body.
      (
        client.request as unknown as (
          method: string,
          path: string,
          init: object,
        ) => Promise<{ response: Response }>
      )(request.method.toLowerCase(), request.path, {
        params: { path: request.pathParams, query: request.query, header: request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
      });

    describe.each(operations)('$name', ({ request }) => {
      it('answers 2xx to the client with a key', async () => {
        const client = suite.createClient({ apiKey: 'mock-key', baseUrl });
        const result = (await send(client, request)) as { response: Response; error?: unknown };
        expect(result.error).toBeUndefined();
        expect(result.response.status).toBeGreaterThanOrEqual(200);
        expect(result.response.status).toBeLessThan(300);
      });

      it('answers 401 to the client without one, in an envelope ApiError reads', async () => {
        const client = suite.createClient({ unauthenticated: true, baseUrl, maxRetries: 0 });
        const error = await unwrap(send(client, request)).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(401);
        expect(parseErrorBody((error as ApiError).body).message).toEqual(expect.any(String));
      });
    });
  });
}
