import { exampleRequest, fillPath, type OpenApiDocument, type OperationEntry } from '@modelspecs/spec-tools';
import type { NegativeCase, PlannedOperation } from './plan.js';

/** One request the checker sends for an operation, before credentials are added. Built without sending anything. */
export interface RequestTemplate {
  method: string;
  /** Filled and percent-encoded. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  contentType?: string;
}

/**
 * The operation's valid request: its documented examples, with `pathParams` in place of the path examples.
 * Optional parameters are left out: the examples of filters (status=training, a job id) would narrow a live list to
 * nothing; negative_data_rejection exercises their bounds instead.
 */
export function requestTemplate(
  doc: OpenApiDocument,
  entry: OperationEntry,
  pathParams: Record<string, string> = {},
): RequestTemplate {
  const example = exampleRequest(doc, entry, { pathParams });
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
    headers: Object.fromEntries(Object.entries(example.headers).filter(([name]) => required('header', name))),
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

/** `GET /models?limit=5`: what a request asks, for messages (it never carries a key: credentials come later). */
export function describeRequest(template: RequestTemplate): string {
  const search = new URLSearchParams(template.query).toString();
  return `${template.method} ${template.path}${search ? `?${search}` : ''}`;
}

/** The valid request with one parameter set to a value its schema forbids. */
export function withNegativeCase(template: RequestTemplate, c: NegativeCase): RequestTemplate {
  return c.in === 'query'
    ? { ...template, query: { ...template.query, [c.name]: c.value } }
    : { ...template, headers: { ...template.headers, [c.name]: c.value } };
}

/**
 * The order operations are checked in: every operation that takes no ids from a list first, then those that do,
 * because a fetch-by-id request uses an id from its list's answer, which must have been received by then. The
 * report keeps the spec's order regardless.
 */
export function runOrder(plan: readonly PlannedOperation[]): PlannedOperation[] {
  return [...plan.filter((p) => !p.idSource), ...plan.filter((p) => p.idSource)];
}
