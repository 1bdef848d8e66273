import { randomBytes } from 'node:crypto';
import {
  type Credentials,
  credentialForms,
  credentialsFor,
  DocumentSchemas,
  documentedStatuses,
  exampleRequest,
  fillPath,
  type OpenApiDocument,
  type OperationEntry,
  type SecuritySchemes,
  securitySchemes,
  UsageError,
  type Vendor,
} from '@modelspecs/spec-tools';
import { chooseAlternative, NO_CREDENTIALS, wrongKeyLike } from './credentials.js';
import { TargetUnreachableError } from './errors.js';
import { type FetchLike, type HttpOutcome, type HttpResponse, send } from './http.js';
import {
  describeDocumentedStatuses,
  fail,
  isDocumentedStatus,
  judgeBody,
  judgeContentType,
  judgeErrorEnvelope,
  judgeHeaders,
  type Outcome,
  outcome,
  parseResponseBody,
  pass,
  skip,
  snippet,
} from './judge.js';
import { type Limits, resolveLimits } from './limits.js';
import { disagreements, itemId, listedItems, unsendableId } from './listing.js';
import { type PlannedOperation, planOperations } from './plan.js';
import { redact, redactText } from './redact.js';
import { formatBaseUrl, isLoopback, operationUrl, parseBaseUrl } from './target-url.js';
import {
  CHECK_NAMES,
  type CheckName,
  type CheckResult,
  summarize,
  type TargetKind,
  type VendorReport,
  type Violation,
} from './types.js';

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

const STATELESS_IDS =
  'the target is a stateless mock: any id returns the same example, so there is no unknown id to ask for';
const STATELESS_FETCH =
  'the target is a stateless mock: fetching a listed id returns the spec example, not the listed item';
const STATELESS_KEYS =
  'wrong credentials not tried: the target is a stateless mock that accepts any well-formed key';

interface RequestTemplate {
  method: string;
  /** Filled and percent-encoded. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  contentType?: string;
}

interface Exchange {
  /** `GET /models/x without credentials`: what was asked, for messages (never carries a key). */
  asked: string;
  outcome: HttpOutcome;
}

const display = (t: RequestTemplate) => {
  const search = new URLSearchParams(t.query).toString();
  return `${t.method} ${t.path}${search ? `?${search}` : ''}`;
};

const responseOf = (exchange: Exchange): HttpResponse | undefined =>
  'response' in exchange.outcome ? exchange.outcome.response : undefined;

const is2xx = (status: number) => status >= 200 && status <= 299;

const labelOf = (planned: PlannedOperation) => ({
  operationId: planned.operationId,
  method: planned.method,
  path: planned.path,
});

const couldNotFinish = (error: unknown) =>
  `the check could not finish: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;

class VendorRun {
  private readonly schemas: DocumentSchemas;
  private readonly schemes: SecuritySchemes;
  private readonly fetchImpl: FetchLike;
  private readonly limits: Limits;
  private readonly secrets: string[];
  /** The answer each list operation gave to its own valid request, by operation pointer. */
  private readonly listAnswers = new Map<string, Exchange>();

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly base: URL,
    private readonly plan: PlannedOperation[],
    private readonly kind: TargetKind,
    private readonly key: string,
    private readonly wrongKey: string,
    options: CheckTargetOptions,
  ) {
    this.schemas = new DocumentSchemas(doc);
    this.schemes = securitySchemes(doc);
    this.secrets = credentialForms(this.schemes.sendable, [key, wrongKey]);
    this.fetchImpl = options.fetch ?? fetch;
    this.limits = resolveLimits(options);
  }

  /** Lists run before the operations that take their ids; results keep the spec's order. */
  async run(): Promise<CheckResult[]> {
    const order = [...this.plan.filter((p) => !p.idSource), ...this.plan.filter((p) => p.idSource)];
    const results = new Map<PlannedOperation, CheckResult[]>();
    for (const planned of order) {
      // Whatever a server sends (or a spec holds) fails the operation's checks; only an unreachable target stops.
      const checked = await this.checkOperation(planned).catch((error: unknown) => {
        if (error instanceof TargetUnreachableError) throw error;
        const failure = fail([{ pointer: '', message: couldNotFinish(error) }]);
        return CHECK_NAMES.map((check) => ({ ...labelOf(planned), check, ...failure }));
      });
      results.set(planned, checked);
    }
    return this.plan.flatMap((p) => results.get(p)!);
  }

  private template(entry: OperationEntry, pathParams: Record<string, string>): RequestTemplate {
    const example = exampleRequest(this.doc, entry, { pathParams });
    // Optional parameters are left out: the examples of filters (status=training, a job id) would narrow a live
    // list to nothing. negative_data_rejection exercises their bounds instead.
    const required = (where: string, name: string) =>
      entry.parameters.some((p) => p.in === where && p.name === name && p.required);
    const template: RequestTemplate = {
      method: example.method,
      path: fillPath(entry.path, example.pathParams),
      query: Object.fromEntries(
        Object.entries(example.query)
          .filter(([name]) => required('query', name))
          .map(([name, value]) => [name, String(value)]),
      ),
      headers: Object.fromEntries(
        Object.entries(example.headers).filter(([name]) => required('header', name)),
      ),
    };
    if (example.method !== 'HEAD' && example.body !== undefined && example.contentType) {
      template.contentType = example.contentType;
      template.body =
        typeof example.body === 'string' && !/json/.test(example.contentType)
          ? example.body
          : JSON.stringify(example.body);
    }
    return template;
  }

  private async exchange(
    template: RequestTemplate,
    credentials: Credentials,
    asked: string,
  ): Promise<Exchange> {
    const headers: Record<string, string> = { ...template.headers, ...credentials.headers };
    if (template.contentType) headers['content-type'] = template.contentType;
    const result = await send(
      this.fetchImpl,
      {
        method: template.method,
        url: operationUrl(this.base, template.path, { ...template.query, ...credentials.query }),
        headers,
        body: template.body,
      },
      this.limits.timeoutMs,
      this.limits.maxBodyBytes,
    );
    if ('error' in result && result.unreachable) {
      throw new TargetUnreachableError(operationUrl(this.base, template.path, template.query), result.error);
    }
    // A server may echo a key back; scrubbed here, before any message quotes (and cuts) the text.
    return { asked, outcome: redact(result, this.secrets) };
  }

  private listedIds(planned: PlannedOperation): string[] {
    const source = planned.idSource;
    const answer = source && this.listAnswers.get(source.list.pointer);
    const response = answer && responseOf(answer);
    if (!source || !response || !is2xx(response.status)) return [];
    const parsed = parseResponseBody(response);
    if (!('value' in parsed)) return [];
    return listedItems(source, parsed.value)
      .map((item) => itemId(item, source))
      .filter((id): id is string => id !== undefined && unsendableId(id) === undefined);
  }

  private async checkOperation(planned: PlannedOperation): Promise<CheckResult[]> {
    const label = (check: CheckName, o: Outcome): CheckResult => ({ ...labelOf(planned), check, ...o });
    if (planned.skipReason) return CHECK_NAMES.map((check) => label(check, skip(planned.skipReason!)));

    const { entry } = planned;
    const firstId = this.listedIds(planned)[0];
    const pathParams: Record<string, string> =
      planned.idSource && firstId !== undefined ? { [planned.idSource.param]: firstId } : {};
    const template = this.template(entry, pathParams);
    const alternative = chooseAlternative(this.doc, entry, this.schemes.sendable);
    const unsendable = alternative?.filter((name) => !(name in this.schemes.sendable)) ?? [];
    const credentials =
      alternative && unsendable.length === 0
        ? credentialsFor(this.schemes.sendable, alternative, this.key)
        : NO_CREDENTIALS;

    const exchanges: Exchange[] = [];
    const record = (e: Exchange) => {
      exchanges.push(e);
      return e;
    };
    const main = record(await this.exchange(template, credentials, display(template)));
    if (!planned.idSource) this.listAnswers.set(entry.pointer, main);

    const outcomes = new Map<CheckName, Outcome>();
    // A check that throws on what the server sent (a value too deep to walk, say) fails alone.
    const judge = async (check: CheckName, run: () => Outcome | Promise<Outcome>) => {
      try {
        outcomes.set(check, await run());
      } catch (error) {
        if (error instanceof TargetUnreachableError) throw error;
        outcomes.set(check, fail([{ pointer: '', message: couldNotFinish(error) }]));
      }
    };
    await judge('ignored_auth', () =>
      unsendable.length > 0
        ? skip(
            `the operation's security scheme ${unsendable.map((n) => `"${n}" (${this.schemes.unsendable[n] ?? 'undeclared'})`).join(', ')} is not one the checker can send (http bearer or basic, apiKey in a header or the query), so no request carried credentials`,
          )
        : this.checkAuth(planned, template, alternative, main, record),
    );
    await judge('error_envelope_conformance', () =>
      this.checkUnknownId(planned, pathParams, credentials, record),
    );
    await judge('list_get_consistency', () => this.checkListGet(planned, credentials, record));
    await judge('negative_data_rejection', () => this.checkNegative(planned, template, credentials, record));

    const response = responseOf(main);
    const noResponse = skip('no response to judge (see not_a_server_error)');
    await judge('content_type_conformance', () =>
      response ? judgeContentType(this.doc, entry, response) : noResponse,
    );
    await judge('response_schema_conformance', () =>
      response ? judgeBody(this.doc, this.schemas, entry, planned.method, response) : noResponse,
    );
    await judge('response_headers_conformance', () =>
      response ? judgeHeaders(this.doc, this.schemas, entry, response) : noResponse,
    );
    await judge('not_a_server_error', () => this.checkServerErrors(exchanges));
    await judge('status_code_conformance', () => this.checkStatuses(entry, exchanges));
    return CHECK_NAMES.map((check) => label(check, outcomes.get(check)!));
  }

  /** Every request sent for the operation got an answer below 500. */
  private checkServerErrors(exchanges: readonly Exchange[]): Outcome {
    const violations: Violation[] = [];
    for (const { asked, outcome: result } of exchanges) {
      if ('error' in result) violations.push({ pointer: '/status', message: `${asked}: ${result.error}` });
      else if (result.response.status >= 500) {
        violations.push({
          pointer: '/status',
          message: `${asked} was answered ${result.response.status}: "${snippet(result.response.text)}"`,
        });
      }
    }
    return outcome(violations);
  }

  /** Every answer's status is documented for the operation (exactly, by range, or by `default`). */
  private checkStatuses(entry: OperationEntry, exchanges: readonly Exchange[]): Outcome {
    const violations: Violation[] = [];
    for (const { asked, outcome: result } of exchanges) {
      if (!('response' in result)) continue;
      const { status } = result.response;
      if (!isDocumentedStatus(this.doc, entry, status)) {
        violations.push({
          pointer: '/status',
          message: `${asked} was answered ${status}, which the spec does not document (documented: ${describeDocumentedStatuses(entry)})`,
        });
      }
    }
    if (!exchanges.some((e) => 'response' in e.outcome))
      return skip('no response to judge (see not_a_server_error)');
    return outcome(violations);
  }

  private async checkAuth(
    planned: PlannedOperation,
    template: RequestTemplate,
    alternative: string[] | undefined,
    main: Exchange,
    record: (e: Exchange) => Exchange,
  ): Promise<Outcome> {
    if (!alternative) return skip('the operation needs no credentials');
    const violations: Violation[] = [];
    const mainResponse = responseOf(main);
    if (mainResponse && (mainResponse.status === 401 || mainResponse.status === 403)) {
      violations.push({
        pointer: '/status',
        message: `${main.asked} with the given key was answered ${mainResponse.status}: the key was refused, so the other checks judged an error answer`,
      });
    }
    const expectRejected = (exchange: Exchange) => {
      const response = responseOf(exchange);
      if (!response) {
        violations.push({
          pointer: '/status',
          message: `${exchange.asked}: ${(exchange.outcome as { error: string }).error}`,
        });
      } else if (response.status !== 401 && response.status !== 403) {
        violations.push({
          pointer: '/status',
          message: `${exchange.asked} was answered ${response.status}; expected a documented 401 or 403`,
        });
      } else if (!isDocumentedStatus(this.doc, planned.entry, response.status)) {
        violations.push({
          pointer: '/status',
          message: `${exchange.asked} was answered ${response.status}, which the spec does not document for this operation`,
        });
      }
    };
    expectRejected(
      record(await this.exchange(template, NO_CREDENTIALS, `${display(template)} without credentials`)),
    );
    if (this.kind === 'mock')
      return violations.length > 0 ? fail(violations, STATELESS_KEYS) : pass(STATELESS_KEYS);
    const wrong = credentialsFor(this.schemes.sendable, alternative, this.wrongKey);
    expectRejected(record(await this.exchange(template, wrong, `${display(template)} with a wrong key`)));
    return outcome(violations);
  }

  private async checkUnknownId(
    planned: PlannedOperation,
    pathParams: Record<string, string>,
    credentials: Credentials,
    record: (e: Exchange) => Exchange,
  ): Promise<Outcome> {
    const names = [...planned.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const last = names.at(-1);
    if (last === undefined) return skip('the path has no parameter to ask for an unknown id');
    if (!documentedStatuses(planned.entry).some((s) => /^4/.test(s) || s === 'default')) {
      return skip(
        'the spec documents no 4xx (or default) answer for this operation: no error envelope to check',
      );
    }
    if (this.kind === 'mock') return skip(STATELESS_IDS);
    const unknown = `modelspecs-unknown-${randomBytes(6).toString('hex')}`;
    const template = this.template(planned.entry, { ...pathParams, [last]: unknown });
    const exchange = record(
      await this.exchange(template, credentials, `${display(template)} (an unknown ${last})`),
    );
    const response = responseOf(exchange);
    if (!response)
      return fail([
        {
          pointer: '/status',
          message: `${exchange.asked}: ${(exchange.outcome as { error: string }).error}`,
        },
      ]);
    return outcome(judgeErrorEnvelope(this.doc, this.schemas, planned.entry, response, exchange.asked));
  }

  private async checkListGet(
    planned: PlannedOperation,
    credentials: Credentials,
    record: (e: Exchange) => Exchange,
  ): Promise<Outcome> {
    const source = planned.idSource;
    if (!planned.fetchById || !source) {
      const pair = this.plan.find((p) => p.fetchById && p.idSource?.list === planned.entry);
      return skip(
        pair
          ? `checked on ${pair.operationId}, which fetches the items this operation lists`
          : 'not a fetch of one listed item (no GET of a list and of one of its items)',
      );
    }
    if (this.kind === 'mock') return skip(STATELESS_FETCH);
    let answer = this.listAnswers.get(source.list.pointer);
    if (!answer) {
      const listTemplate = this.template(source.list, {});
      answer = record(await this.exchange(listTemplate, credentials, `${display(listTemplate)} (the list)`));
    }
    const listResponse = responseOf(answer);
    if (!listResponse)
      return fail([
        {
          pointer: '/status',
          message: `the list could not be read: ${answer.asked}: ${(answer.outcome as { error: string }).error}`,
        },
      ]);
    if (!is2xx(listResponse.status)) {
      return fail([
        {
          pointer: '/status',
          message: `the list could not be read: ${answer.asked} was answered ${listResponse.status}`,
        },
      ]);
    }
    const parsed = parseResponseBody(listResponse);
    if ('violation' in parsed) {
      return fail([
        {
          pointer: parsed.violation.pointer,
          message: `the list could not be read: ${parsed.violation.message}`,
        },
      ]);
    }
    const items = listedItems(source, parsed.value);
    if (items.length === 0) return skip(`${answer.asked} listed no items to fetch`);
    const withIds = items
      .map((item) => ({ item, id: itemId(item, source) }))
      .filter((x): x is { item: Record<string, unknown>; id: string } => x.id !== undefined);
    if (withIds.length === 0) {
      return skip(
        `the listed items carry no id (the list declares it at ${source.id.map((p) => `"${p}"`).join(', ')})`,
      );
    }
    const sample = withIds.slice(0, this.limits.maxListedIds);
    const violations: Violation[] = [];
    for (const { item, id } of sample) {
      const unsendable = unsendableId(id);
      if (unsendable) {
        violations.push({ pointer: '', message: `listed id ${JSON.stringify(id)} ${unsendable}` });
        continue;
      }
      const template = this.template(planned.entry, { [source.param]: id });
      const exchange = record(
        await this.exchange(template, credentials, `${display(template)} (listed id ${JSON.stringify(id)})`),
      );
      const response = responseOf(exchange);
      if (!response) {
        violations.push({
          pointer: '/status',
          message: `${exchange.asked}: ${(exchange.outcome as { error: string }).error}`,
        });
        continue;
      }
      if (!is2xx(response.status)) {
        violations.push({
          pointer: '/status',
          message: `${exchange.asked} was answered ${response.status}; a listed id must be fetchable`,
        });
        continue;
      }
      const fetched = parseResponseBody(response);
      if ('violation' in fetched) {
        violations.push({
          pointer: fetched.violation.pointer,
          message: `${exchange.asked}: ${fetched.violation.message}`,
        });
        continue;
      }
      for (const d of disagreements(item, fetched.value)) {
        violations.push({
          pointer: d.pointer,
          message: `listed id ${JSON.stringify(id)}: the list says ${JSON.stringify(d.listed)}, the fetch says ${JSON.stringify(d.fetched)}`,
        });
      }
    }
    const note =
      sample.length < withIds.length
        ? `checked the first ${sample.length} of ${withIds.length} listed ids`
        : undefined;
    return violations.length > 0 ? fail(violations, note) : pass(note);
  }

  private async checkNegative(
    planned: PlannedOperation,
    template: RequestTemplate,
    credentials: Credentials,
    record: (e: Exchange) => Exchange,
  ): Promise<Outcome> {
    if (planned.negativeCases.length === 0) return skip('no bounded parameter');
    const violations: Violation[] = [];
    for (const c of planned.negativeCases) {
      const bad: RequestTemplate =
        c.in === 'query'
          ? { ...template, query: { ...template.query, [c.name]: c.value } }
          : { ...template, headers: { ...template.headers, [c.name]: c.value } };
      const asked = c.in === 'query' ? display(bad) : `${display(bad)} with ${c.name}: ${c.value}`;
      const exchange = record(await this.exchange(bad, credentials, asked));
      const pointer = `/${c.in}/${c.name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const response = responseOf(exchange);
      if (!response) {
        violations.push({ pointer, message: `${asked}: ${(exchange.outcome as { error: string }).error}` });
      } else if (response.status < 400 || response.status > 499) {
        violations.push({
          pointer,
          message: `${c.name}=${c.value} (${c.rule}) was answered ${response.status}; expected a 4xx`,
        });
      }
    }
    return outcome(violations);
  }
}

/**
 * Decides whether the target is one of our Prism mocks: a request without credentials to the first read
 * operation that needs them. Prism rejects it with an `sl-violations` header; a real server does not send one.
 */
async function probeTarget(
  doc: OpenApiDocument,
  base: URL,
  plan: PlannedOperation[],
  fetchImpl: FetchLike,
  limits: Limits,
): Promise<{ kind: TargetKind; decidedBy: string }> {
  const probe = plan.find((p) => !p.write && !p.skipReason && chooseAlternative(doc, p.entry));
  if (!probe)
    return { kind: 'server', decidedBy: 'no operation needs credentials to probe with; assumed a server' };
  const example = exampleRequest(doc, probe.entry);
  const url = operationUrl(base, fillPath(probe.entry.path, example.pathParams));
  const result = await send(
    fetchImpl,
    { method: probe.method, url, headers: {} },
    limits.timeoutMs,
    limits.maxBodyBytes,
  );
  if ('error' in result) {
    if (result.unreachable) throw new TargetUnreachableError(url, result.error);
    return {
      kind: 'server',
      decidedBy: `the probe ${probe.method} ${url} failed (${result.error}); assumed a server`,
    };
  }
  return 'sl-violations' in result.response.headers
    ? { kind: 'mock', decidedBy: "Prism's sl-violations header on a request without credentials" }
    : { kind: 'server', decidedBy: 'no Prism sl-violations header on a request without credentials' };
}

/** Runs every check of every operation of one vendor's spec against one target. */
export async function checkTarget(options: CheckTargetOptions): Promise<VendorReport> {
  const started = performance.now();
  const { doc, vendor } = options;
  const limits = resolveLimits(options);
  const base = typeof options.baseUrl === 'string' ? parseBaseUrl(options.baseUrl) : options.baseUrl;
  const plan = planOperations(doc, { baseUrl: base, allowWrites: options.allowWrites });
  const choice = options.target ?? 'auto';
  const { kind, decidedBy } =
    choice === 'auto'
      ? await probeTarget(doc, base, plan, options.fetch ?? fetch, limits)
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
  const wrongKey = wrongKeyLike(key);
  const run = new VendorRun(doc, base, plan, kind, key, wrongKey, options);
  let results: CheckResult[];
  try {
    results = await run.run();
  } catch (error) {
    if (error instanceof Error) error.message = redactText(error.message, [key, wrongKey]);
    throw error;
  }
  const name = doc.info['x-vendor'] ?? doc.info.title;
  const report: VendorReport = {
    vendor: vendor.slug,
    name: typeof name === 'string' && name !== '' ? name : vendor.slug,
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
  return redact(report, [key, wrongKey]);
}
