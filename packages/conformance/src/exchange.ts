import { type Credentials, exampleRequest, fillPath, type OpenApiDocument } from '@modelspecs/spec-tools';
import { chooseAlternative } from './credentials.js';
import { TargetUnreachableError } from './errors.js';
import { type FetchLike, type HttpOutcome, type HttpResponse, send } from './http.js';
import type { Limits } from './limits.js';
import type { PlannedOperation } from './plan.js';
import { redact } from './redact.js';
import type { RequestTemplate } from './requests.js';
import { operationUrl } from './target-url.js';
import type { TargetKind } from './types.js';

/** One request the checker sent and what came back. */
export interface Exchange {
  /** `GET /models/x without credentials`: what was asked, for messages (never carries a key). */
  asked: string;
  outcome: HttpOutcome;
}

export const responseOf = (exchange: Exchange): HttpResponse | undefined =>
  'response' in exchange.outcome ? exchange.outcome.response : undefined;

/** Why the request got no answer: `GET /models: no answer within 300 ms`. Only for an exchange without a response. */
export const noAnswer = (exchange: Exchange): string =>
  `${exchange.asked}: ${(exchange.outcome as { error: string }).error}`;

export type SendRequest = (
  template: RequestTemplate,
  credentials: Credentials,
  asked: string,
) => Promise<Exchange>;

export interface TargetConnection {
  fetch: FetchLike;
  /** The API's base URL, base path included. */
  base: URL;
  limits: Limits;
  /** Keys that must not survive in anything the server sends back. */
  secrets: readonly string[];
}

/**
 * The one way the checks reach the target. A transport failure is an exchange without a response, except when
 * nothing answers at the address at all, which stops the run.
 */
export function connect(target: TargetConnection): SendRequest {
  return async (template, credentials, asked) => {
    const headers: Record<string, string> = { ...template.headers, ...credentials.headers };
    if (template.contentType) headers['content-type'] = template.contentType;
    const result = await send(
      target.fetch,
      {
        method: template.method,
        url: operationUrl(target.base, template.path, { ...template.query, ...credentials.query }),
        headers,
        body: template.body,
      },
      target.limits.timeoutMs,
      target.limits.maxBodyBytes,
    );
    if ('error' in result && result.unreachable) {
      throw new TargetUnreachableError(
        operationUrl(target.base, template.path, template.query),
        result.error,
      );
    }
    // A server may echo a key back; scrubbed here, before any message quotes (and cuts) the text.
    return { asked, outcome: redact(result, target.secrets) };
  };
}

/**
 * Decides whether the target is one of our Prism mocks: a request without credentials to the first read
 * operation that needs them. Prism rejects it with an `sl-violations` header; a real server does not send one.
 */
export async function probeTarget(
  doc: OpenApiDocument,
  plan: readonly PlannedOperation[],
  target: Omit<TargetConnection, 'secrets'>,
): Promise<{ kind: TargetKind; decidedBy: string }> {
  const probe = plan.find((p) => !p.write && !p.skipReason && chooseAlternative(doc, p.entry));
  if (!probe)
    return { kind: 'server', decidedBy: 'no operation needs credentials to probe with; assumed a server' };
  const example = exampleRequest(doc, probe.entry);
  const url = operationUrl(target.base, fillPath(probe.entry.path, example.pathParams));
  const result = await send(
    target.fetch,
    { method: probe.method, url, headers: {} },
    target.limits.timeoutMs,
    target.limits.maxBodyBytes,
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
