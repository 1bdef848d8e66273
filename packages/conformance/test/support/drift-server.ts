/**
 * A stateful stand-in for a vendor's API, generated from its spec: the faithful baseline the conformance checker
 * must pass, and, with `fault`, one deliberate disagreement with the spec that the checker must name.
 *
 * Baseline: the list operation serves the items of its first example; fetching a listed id returns that item's
 * fields; an unknown id gets the documented not-found answer; only one key is accepted; query and header
 * parameters are validated against their schemas.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DocumentSchemas,
  deref,
  type HeaderObject,
  isReference,
  type JsonSchema,
  listOperations,
  mediaTypeExample,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
  type SecuritySchemeObject,
} from '@modelspecs/spec-tools';

export const DRIFT_FAULTS = [
  'missing-required-field',
  'wrong-type',
  'undocumented-status',
  'wrong-content-type',
  'auth-not-enforced',
  'html-error-page',
  'invalid-json',
  'server-error',
  'any-key-accepted',
  'unknown-id-found',
  'wrong-error-envelope',
  'list-get-disagree',
  'bounds-not-enforced',
  'bad-header-value',
  'missing-headers',
  'hang',
] as const;
export type DriftFault = (typeof DRIFT_FAULTS)[number];

export interface DriftServerOptions {
  doc: OpenApiDocument;
  /** The one key the server accepts. */
  key: string;
  fault?: DriftFault;
}

export interface DriftServer {
  /** Origin plus the spec's base path, like a vendor's base URL. */
  baseUrl: string;
  /** `METHOD /path?query` of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

type Item = Record<string, unknown>;

interface Route {
  entry: OperationEntry;
  pattern: RegExp;
  paramNames: string[];
  /** Pointers of the query and header parameter schemas, for validation. */
  parameterSchemas: { param: ParameterObject; pointer: string }[];
  /** For `{id}` paths under a list operation: the list's path. */
  listPath?: string;
  fetchById: boolean;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function followRef(
  doc: OpenApiDocument,
  value: unknown,
  pointer: string,
): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  while (isReference(current)) {
    at = current.$ref;
    current = deref(doc, { $ref: current.$ref });
  }
  return { value: current, pointer: at };
}

function parameterSchemas(doc: OpenApiDocument, entry: OperationEntry): Route['parameterSchemas'] {
  const pathPointer = `#/paths/${escapePointer(entry.path)}`;
  const raw: { value: ParameterObject | ReferenceObject; pointer: string }[] = [
    ...(doc.paths?.[entry.path]?.parameters ?? []).map((value, i) => ({
      value,
      pointer: `${pathPointer}/parameters/${i}`,
    })),
    ...(entry.operation.parameters ?? []).map((value, i) => ({
      value,
      pointer: `${entry.pointer}/parameters/${i}`,
    })),
  ];
  return raw
    .map(({ value, pointer }) => {
      const found = followRef(doc, value, pointer);
      return { param: found.value as ParameterObject, pointer: `${found.pointer}/schema` };
    })
    .filter(({ param }) => (param.in === 'query' || param.in === 'header') && param.schema !== undefined);
}

function buildRoutes(doc: OpenApiDocument): Route[] {
  const entries = listOperations(doc);
  return entries.map((entry) => {
    const paramNames: string[] = [];
    const source = entry.path
      .split('/')
      .map((segment) => {
        const param = /^\{([^}]+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        paramNames.push(param[1]!);
        return '([^/]+)';
      })
      .join('/');
    const segments = entry.path.split('/');
    const lastParam = segments.map((s) => /^\{[^}]+\}$/.test(s)).lastIndexOf(true);
    const listPath = lastParam > 0 ? segments.slice(0, lastParam).join('/') : undefined;
    const hasList = listPath !== undefined && entries.some((e) => e.method === 'get' && e.path === listPath);
    return {
      entry,
      pattern: new RegExp(`^${source}$`),
      paramNames,
      parameterSchemas: parameterSchemas(doc, entry),
      listPath: hasList ? listPath : undefined,
      fetchById: hasList && entry.method === 'get' && lastParam === segments.length - 1,
    };
  });
}

function itemsOf(body: unknown): Item[] {
  const isItem = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(body)) return body.filter(isItem);
  if (!isItem(body)) return [];
  const list = Object.values(body).find((v) => Array.isArray(v) && v.some(isItem));
  return Array.isArray(list) ? list.filter(isItem) : [];
}

const idOf = (item: Item, param: string) => {
  const value = item[param] ?? item.id ?? item.key;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/** The get example with every primitive it shares with the listed item set to the item's value. */
function overlay(base: unknown, item: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(item))
    return base.map((b, i) => (i < item.length ? overlay(b, item[i]) : b));
  if (
    typeof base === 'object' &&
    base !== null &&
    typeof item === 'object' &&
    item !== null &&
    !Array.isArray(base)
  ) {
    const out: Item = { ...(base as Item) };
    for (const [key, value] of Object.entries(base as Item)) {
      if (key in (item as Item)) out[key] = overlay(value, (item as Item)[key]);
    }
    return out;
  }
  const primitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  return primitive(base) && primitive(item) && typeof base === typeof item ? item : base;
}

/** The first required property the body has, shallowest first: `object` of a list, `id` of an item. */
function firstRequiredPath(
  doc: OpenApiDocument,
  schemaRaw: JsonSchema,
  body: unknown,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  const schema = deref<JsonSchema>(doc, schemaRaw);
  if (Array.isArray(body) && schema.items && body.length > 0) {
    return firstRequiredPath(doc, schema.items as JsonSchema, body[0], [...path, 0]);
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const required = (schema.required ?? []) as string[];
  const present = required.find((name) => name in (body as Item));
  if (present) return [...path, present];
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const found = firstRequiredPath(doc, sub, (body as Item)[name], [...path, name]);
    if (found) return found;
  }
  return undefined;
}

function mutateAt(
  body: unknown,
  path: (string | number)[],
  change: (parent: Item, key: string | number) => void,
) {
  let parent = body as Item;
  for (const segment of path.slice(0, -1)) parent = parent[segment as string] as Item;
  change(parent, path.at(-1)!);
}

/** A value of another JSON type than the one given. */
const wrongTypeFor = (value: unknown): unknown =>
  typeof value === 'string'
    ? 12345
    : typeof value === 'number'
      ? 'twelve'
      : Array.isArray(value)
        ? { not: 'a list' }
        : typeof value === 'object'
          ? 'not an object'
          : 'not a boolean';

function headerValue(doc: OpenApiDocument, header: HeaderObject): string {
  if (header.example !== undefined) return String(header.example);
  const schema = header.schema ? deref<JsonSchema>(doc, header.schema) : {};
  const candidates = [
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
    schema.example,
    schema.default,
    Array.isArray(schema.enum) ? schema.enum[0] : undefined,
    schema.minimum,
  ];
  const found = candidates.find((v) => v !== undefined);
  if (found !== undefined) return String(found);
  return schema.type === 'integer' || schema.type === 'number'
    ? '1'
    : schema.type === 'boolean'
      ? 'true'
      : 'x';
}

function coerce(doc: OpenApiDocument, schemaRaw: JsonSchema, text: string): unknown {
  const schema = deref<JsonSchema>(doc, schemaRaw);
  if (
    (schema.type === 'integer' || schema.type === 'number') &&
    text.trim() !== '' &&
    !Number.isNaN(Number(text))
  ) {
    return Number(text);
  }
  if (schema.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

export async function startDriftServer(options: DriftServerOptions): Promise<DriftServer> {
  const { doc, key, fault } = options;
  const schemas = new DocumentSchemas(doc);
  const routes = buildRoutes(doc);
  const primary = routes[0]!.entry;
  const basePath = new URL(doc.servers?.[0]?.url ?? 'http://x/').pathname.replace(/\/+$/, '');
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();

  const listExample = (listPath: string): Item[] => {
    const list = routes.find((r) => r.entry.method === 'get' && r.entry.path === listPath)!.entry;
    const ok = Object.entries(list.operation.responses ?? {}).find(([s]) => s.startsWith('2'));
    if (!ok) return [];
    const response = deref<ResponseObject>(doc, ok[1]);
    return itemsOf(mediaTypeExample(doc, Object.values(response.content ?? {})[0]));
  };

  function respond(
    res: ServerResponse,
    entry: OperationEntry,
    statusKey: string,
    override?: { body?: unknown; status?: number },
  ) {
    const raw = entry.operation.responses?.[statusKey];
    const response = raw ? deref<ResponseObject>(doc, raw) : { description: '', content: undefined };
    // A range key (`2XX`) is answered with its first code, as Prism does.
    const status = override?.status ?? (Number(statusKey.replace(/XX$/i, '00')) || 500);
    const isError = status >= 400;
    const isPrimarySuccess = entry === primary && !isError;
    const headers: Record<string, string> = {};
    const skipHeaders = fault === 'missing-headers' && isPrimarySuccess;
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      if (skipHeaders) continue;
      headers[name] =
        fault === 'bad-header-value' && isPrimarySuccess
          ? 'soon'
          : headerValue(doc, deref<HeaderObject>(doc, h));
    }
    if (isError && fault === 'html-error-page') {
      res.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!DOCTYPE html><html><body><h1>${status} Error</h1><p>Something went wrong.</p></body></html>`,
      );
      return;
    }
    const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
    let body = override && 'body' in override ? override.body : mediaTypeExample(doc, media);
    let contentType = mediaType;
    let text: string | undefined;
    if (isPrimarySuccess && body !== undefined) {
      body = structuredClone(body);
      const schema = media?.schema;
      if ((fault === 'missing-required-field' || fault === 'wrong-type') && schema) {
        const path = firstRequiredPath(doc, schema, body);
        if (path) {
          mutateAt(body, path, (parent, k) => {
            if (fault === 'missing-required-field') delete parent[k as string];
            else parent[k as string] = wrongTypeFor(parent[k as string]);
          });
        }
      }
      if (fault === 'invalid-json') text = JSON.stringify(body).slice(0, -7);
      if (fault === 'wrong-content-type') contentType = 'text/plain';
    }
    if (text === undefined && body !== undefined) text = JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      ...(contentType && text !== undefined ? { 'content-type': contentType } : {}),
    });
    res.end(text ?? '');
  }

  /** The documented answer an operation gives for one of the statuses, in the order given. */
  const firstDocumented = (entry: OperationEntry, statuses: string[]) => {
    const responses = entry.operation.responses ?? {};
    return (
      statuses.find((s) => s in responses) ??
      Object.keys(responses).find((s) => s.startsWith('4') && !['401', '403', '429'].includes(s))
    );
  };

  function rejectAuth(res: ServerResponse, entry: OperationEntry) {
    const status = firstDocumented(entry, ['401', '403']) ?? '401';
    respond(res, entry, status, { status: Number(status) || 401 });
  }

  function rejectInput(res: ServerResponse, entry: OperationEntry) {
    const status = firstDocumented(entry, ['400', '422']) ?? '400';
    respond(res, entry, status, { status: Number(status) || 400 });
  }

  function notFound(res: ServerResponse, entry: OperationEntry) {
    const status = firstDocumented(entry, ['404', '400', '410']) ?? '404';
    if (fault === 'wrong-error-envelope') {
      res.writeHead(Number(status) || 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'not here' }));
      return;
    }
    respond(res, entry, status, { status: Number(status) || 404 });
  }

  function credentialState(
    req: IncomingMessage,
    entry: OperationEntry,
  ): 'valid' | 'wrong' | 'missing' | 'none-needed' {
    const requirements = entry.operation.security ?? doc.security ?? [];
    if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0))
      return 'none-needed';
    let sawAny = false;
    for (const requirement of requirements) {
      const values = Object.keys(requirement).map((name) => {
        const scheme = deref<SecuritySchemeObject>(doc, doc.components!.securitySchemes![name]!);
        if (scheme.type === 'http') {
          const header = req.headers.authorization;
          const prefix = scheme.scheme?.toLowerCase() === 'basic' ? 'Basic ' : 'Bearer ';
          if (!header?.startsWith(prefix)) return undefined;
          const value = header.slice(prefix.length);
          return prefix === 'Basic ' ? Buffer.from(value, 'base64').toString().replace(/:$/, '') : value;
        }
        const header = req.headers[scheme.name!.toLowerCase()];
        return typeof header === 'string' ? header : undefined;
      });
      if (values.some((v) => v !== undefined)) sawAny = true;
      if (values.every((v) => v === key)) return 'valid';
    }
    return sawAny ? 'wrong' : 'missing';
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fixture');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (!url.pathname.startsWith(basePath)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const path = url.pathname.slice(basePath.length);
    const method = (req.method ?? 'GET').toLowerCase();
    const found = routes
      .filter((r) => r.entry.method === method)
      .map((r) => ({ route: r, match: r.pattern.exec(path) }))
      .find((candidate) => candidate.match !== null);
    if (!found?.match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such operation');
      return;
    }
    const { route, match } = found;
    const { entry } = route;
    const params = Object.fromEntries(
      route.paramNames.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
    );

    const auth = credentialState(req, entry);
    const accepted =
      auth === 'valid' ||
      auth === 'none-needed' ||
      fault === 'auth-not-enforced' ||
      (fault === 'any-key-accepted' && auth === 'wrong');
    if (!accepted) return rejectAuth(res, entry);

    if (fault !== 'bounds-not-enforced') {
      for (const { param, pointer } of route.parameterSchemas) {
        const raw =
          param.in === 'query' ? url.searchParams.get(param.name) : req.headers[param.name.toLowerCase()];
        const text = Array.isArray(raw) ? raw[0] : raw;
        if (text === undefined || text === null) {
          if (param.required) return rejectInput(res, entry);
          continue;
        }
        if (schemas.validate(pointer, coerce(doc, param.schema!, text)).length > 0)
          return rejectInput(res, entry);
      }
    }

    const okStatus = Object.keys(entry.operation.responses ?? {}).find((s) => s.startsWith('2')) ?? '200';
    if (entry === primary) {
      if (fault === 'hang') {
        hanging.add(res);
        return;
      }
      if (fault === 'server-error') {
        const documented = firstDocumented(entry, ['500']);
        if (documented === '500') return respond(res, entry, '500', { status: 500 });
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}');
        return;
      }
      if (fault === 'undocumented-status') return respond(res, entry, okStatus, { status: 203 });
    }

    if (route.listPath) {
      const param = route.paramNames.at(-1)!;
      const items = listExample(route.listPath);
      const item = items.find((i) => idOf(i, param) === params[param]);
      if (!item && fault !== 'unknown-id-found') return notFound(res, entry);
      if (route.fetchById && item && fault !== 'list-get-disagree') {
        const response = deref<ResponseObject>(doc, entry.operation.responses![okStatus]!);
        const example = mediaTypeExample(doc, Object.values(response.content ?? {})[0]);
        return respond(res, entry, okStatus, { body: overlay(example, item) });
      }
    }
    respond(res, entry, okStatus);
  }

  const server = createServer((req, res) => {
    // The body is not needed, but must be read for the connection to be reused.
    req.resume();
    req.on('end', () => {
      try {
        handle(req, res);
      } catch (error) {
        res.writeHead(599, { 'content-type': 'text/plain' }).end(`fixture bug: ${(error as Error).stack}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
