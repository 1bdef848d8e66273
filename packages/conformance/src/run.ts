import {
  credentialForms,
  credentialsFor,
  DocumentSchemas,
  type OpenApiDocument,
  type SecuritySchemes,
  securitySchemes,
  UsageError,
  type Vendor,
  vendorName,
} from '@modelspecs/spec-tools';
import { CHECKS, type Check, type CheckContext } from './checks/index.js';
import { couldNotFinish, type Outcome, skip } from './checks/outcome.js';
import { is2xx, parseResponseBody } from './checks/response.js';
import { chooseAlternative, NO_CREDENTIALS, wrongKeyLike } from './credentials.js';
import { TargetUnreachableError } from './errors.js';
import {
  connect,
  type Exchange,
  probeTarget,
  responseOf,
  type SendRequest,
  type TargetConnection,
} from './exchange.js';
import type { FetchLike } from './http.js';
import { type Limits, resolveLimits } from './limits.js';
import { itemId, listedItems, unsendableId } from './listing.js';
import { type PlannedOperation, planOperations } from './plan.js';
import { redact, redactText } from './redact.js';
import { describeRequest, requestTemplate, runOrder } from './requests.js';
import { formatBaseUrl, isLoopback, parseBaseUrl } from './target-url.js';
import { type CheckResult, summarize, type TargetKind, type VendorReport } from './types.js';

/** The key sent to our mocks when none is given: Prism accepts any well-formed key. */
export const MOCK_KEY = 'modelspecs-conformance-mock-key';

/** `auto` decides by probing: Prism marks a request it rejects with an `sl-violations` header. */
export type TargetChoice = 'auto' | TargetKind;

export interface CheckTargetOptions {
  /** The bundled spec (bundleSpec(vendor.specFile)). */
  doc: OpenApiDocument;
  vendor: Vendor;
  /** The API's base URL, base path included: `http://127.0.0.1:4010/v1`. */
  baseUrl: string | URL;
  /** Required against a server; against a mock a placeholder is sent when it is missing. */
  apiKey?: string;
  target?: TargetChoice;
  /** Why `target` is what it is, for the report (default `--target <kind>`). */
  decidedBy?: string;
  /** Run write operations against a non-loopback target too. */
  allowWrites?: boolean;
  timeoutMs?: number;
  /** How many listed ids `list_get_consistency` fetches at most. */
  maxListedIds?: number;
  /** How many bytes of one response body are read at most (default 10 MiB); a larger body fails its check. */
  maxBodyBytes?: number;
  fetch?: FetchLike;
}

/** What stays the same for every operation of one vendor's run. */
export interface VendorSession {
  doc: OpenApiDocument;
  schemas: DocumentSchemas;
  schemes: SecuritySchemes;
  plan: readonly PlannedOperation[];
  kind: TargetKind;
  limits: Limits;
  key: string;
  wrongKey: string;
  send: SendRequest;
  /** The answer each list operation gave to its own valid request, by operation pointer. */
  listAnswers: Map<string, Exchange>;
}

/** A vendor's run against one target: the spec read once, the key and a wrong key of its shape, the connection. */
export function createSession(options: {
  doc: OpenApiDocument;
  plan: readonly PlannedOperation[];
  kind: TargetKind;
  key: string;
  target: Omit<TargetConnection, 'secrets'>;
}): VendorSession {
  const { doc, key, target } = options;
  const wrongKey = wrongKeyLike(key);
  const schemes = securitySchemes(doc);
  return {
    doc,
    schemas: new DocumentSchemas(doc),
    schemes,
    plan: options.plan,
    kind: options.kind,
    limits: target.limits,
    key,
    wrongKey,
    send: connect({ ...target, secrets: credentialForms(schemes.sendable, [key, wrongKey]) }),
    listAnswers: new Map(),
  };
}

/** The ids the list one level up answered with, that can be sent as a path segment. */
function listedIds(session: VendorSession, planned: PlannedOperation): string[] {
  const source = planned.idSource;
  const answer = source && session.listAnswers.get(source.list.pointer);
  const response = answer && responseOf(answer);
  if (!source || !response || !is2xx(response.status)) return [];
  const parsed = parseResponseBody(response);
  if (!('value' in parsed)) return [];
  return listedItems(source, parsed.value)
    .map((item) => itemId(item, source))
    .filter((id): id is string => id !== undefined && unsendableId(id) === undefined);
}

/** Builds the operation's valid request (with a listed id, when it takes one) and sends it. */
export async function prepareOperation(
  session: VendorSession,
  planned: PlannedOperation,
): Promise<CheckContext> {
  const { doc, schemes } = session;
  const firstId = listedIds(session, planned)[0];
  const pathParams: Record<string, string> =
    planned.idSource && firstId !== undefined ? { [planned.idSource.param]: firstId } : {};
  const request = requestTemplate(doc, planned.entry, pathParams);
  const alternative = chooseAlternative(doc, planned.entry, schemes.sendable);
  const unsendable = alternative?.filter((name) => !(name in schemes.sendable)) ?? [];
  const credentials =
    alternative && unsendable.length === 0
      ? credentialsFor(schemes.sendable, alternative, session.key)
      : NO_CREDENTIALS;
  const exchanges: Exchange[] = [];
  const send: SendRequest = async (template, sent, asked) => {
    const exchange = await session.send(template, sent, asked);
    exchanges.push(exchange);
    return exchange;
  };
  const main = await send(request, credentials, describeRequest(request));
  if (!planned.idSource) session.listAnswers.set(planned.entry.pointer, main);
  return {
    doc,
    schemas: session.schemas,
    schemes,
    plan: session.plan,
    planned,
    kind: session.kind,
    limits: session.limits,
    request,
    pathParams,
    alternative,
    unsendable,
    credentials,
    wrongCredentials: () => credentialsFor(schemes.sendable, alternative ?? [], session.wrongKey),
    main,
    exchanges,
    send,
    listAnswer: (list) => session.listAnswers.get(list.pointer),
  };
}

/** A check that throws on what the server sent (a value too deep to walk, say) fails alone. */
async function runCheck(check: Check, context: CheckContext): Promise<Outcome> {
  try {
    return await check.run(context);
  } catch (error) {
    if (error instanceof TargetUnreachableError) throw error;
    return couldNotFinish(error);
  }
}

/**
 * Every check of one operation, reported in the registry's order. The checks that judge every exchange run last,
 * after the requests of all the others.
 */
export async function runChecks(
  context: CheckContext,
  checks: readonly Check[] = CHECKS,
): Promise<Map<Check, Outcome>> {
  const outcomes = new Map<Check, Outcome>();
  const phases = [checks.filter((c) => !c.judgesEveryExchange), checks.filter((c) => c.judgesEveryExchange)];
  for (const phase of phases) {
    for (const check of phase) outcomes.set(check, await runCheck(check, context));
  }
  return outcomes;
}

async function checkOperation(session: VendorSession, planned: PlannedOperation): Promise<Outcome[]> {
  if (planned.skipReason) return CHECKS.map(() => skip(planned.skipReason!));
  const outcomes = await runChecks(await prepareOperation(session, planned));
  return CHECKS.map((check) => outcomes.get(check)!);
}

async function checkOperations(session: VendorSession): Promise<CheckResult[]> {
  const results = new Map<PlannedOperation, CheckResult[]>();
  for (const planned of runOrder(session.plan)) {
    // Whatever a server sends (or a spec holds) fails the operation's checks; only an unreachable target stops.
    const outcomes = await checkOperation(session, planned).catch((error: unknown) => {
      if (error instanceof TargetUnreachableError) throw error;
      return CHECKS.map(() => couldNotFinish(error));
    });
    const label = { operationId: planned.operationId, method: planned.method, path: planned.path };
    results.set(
      planned,
      CHECKS.map((check, i) => ({ ...label, check: check.name, ...outcomes[i]! })),
    );
  }
  return session.plan.flatMap((p) => results.get(p)!);
}

/** Runs every check of every operation of one vendor's spec against one target. */
export async function checkTarget(options: CheckTargetOptions): Promise<VendorReport> {
  const started = performance.now();
  const { doc, vendor } = options;
  const limits = resolveLimits(options);
  const base = typeof options.baseUrl === 'string' ? parseBaseUrl(options.baseUrl) : options.baseUrl;
  const fetchImpl = options.fetch ?? fetch;
  const plan = planOperations(doc, { baseUrl: base, allowWrites: options.allowWrites });
  const choice = options.target ?? 'auto';
  const { kind, decidedBy } =
    choice === 'auto'
      ? await probeTarget(doc, plan, { fetch: fetchImpl, base, limits })
      : { kind: choice, decidedBy: options.decidedBy ?? `--target ${choice}` };
  // A spec whose operations need no credentials needs no key: the placeholder is never sent.
  const { sendable } = securitySchemes(doc);
  const needsKey = plan.some(
    (p) => !p.skipReason && chooseAlternative(doc, p.entry, sendable)?.every((name) => name in sendable),
  );
  const key = options.apiKey || (kind === 'mock' || !needsKey ? MOCK_KEY : undefined);
  if (!key) {
    throw new UsageError(
      `${vendor.slug}: no API key for ${formatBaseUrl(base)}. Pass --api-key or set ${vendor.envVar} (the key is only omitted against our mocks).`,
    );
  }
  const session = createSession({ doc, plan, kind, key, target: { fetch: fetchImpl, base, limits } });
  const secrets = credentialForms(session.schemes.sendable, [key, session.wrongKey]);
  let results: CheckResult[];
  try {
    results = await checkOperations(session);
  } catch (error) {
    if (error instanceof Error) error.message = redactText(error.message, secrets);
    throw error;
  }
  const report: VendorReport = {
    vendor: vendor.slug,
    name: vendorName(doc, vendor.slug),
    target: {
      baseUrl: formatBaseUrl(base),
      kind,
      decidedBy,
      loopback: isLoopback(base),
      writes: isLoopback(base) || options.allowWrites === true,
    },
    results,
    summary: summarize(results),
    durationMs: Math.round(performance.now() - started),
  };
  // Servers may echo a key back in an error body that ends up in a message: scrub every string on the way out.
  return redact(report, secrets);
}
