import {
  listOperations,
  type OpenApiDocument,
  operationSecurity,
  pointerSegments,
} from '@modelspecs/spec-tools';
import { type ApiChange, type ChangeKind, type Level, maxLevel } from './kinds.js';
import { type JsonDocument, runOptic } from './optic.js';

/** The classification of one spec against its baseline. */
export interface SpecClassification {
  /** The strongest kind among the changes (`none` when the documents are equal). */
  readonly level: Level;
  readonly changes: readonly ApiChange[];
  /** True when there was no baseline: the spec is compared against nothing. */
  readonly isNew: boolean;
}

const segmentsOf = pointerSegments;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `GET /models/{id}` for a pointer inside an operation, and the rest of the pointer. */
function operationOf(pointer: string): { operation?: string; rest: string } {
  const s = segmentsOf(pointer);
  if (s[0] === 'paths' && s[1] !== undefined && s[2] !== undefined && METHODS.has(s[2])) {
    const rest = pointer.split('/').slice(4).join('/');
    return { operation: `${s[2].toUpperCase()} ${s[1]}`, rest: rest ? `/${rest}` : '' };
  }
  return { rest: pointer };
}

// Keys whose values only document the API; a change under them cannot change a request or a response.
const DOC_KEYS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  'contact',
  'license',
  'termsOfService',
  'tags',
]);
// Maps keyed by names the spec author chose: a key named `description` under them is a name, not documentation.
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'paths',
  'headers',
  'schemas',
  'responses',
  'parameters',
  'securitySchemes',
  'content',
  'variables',
  'mapping',
  'callbacks',
  'links',
]);

function isDocumentation(pointer: string): boolean {
  const s = segmentsOf(pointer);
  return s.some(
    (key, i) => (DOC_KEYS.has(key) || key.startsWith('x-')) && (i === 0 || !NAME_MAPS.has(s[i - 1] ?? '')),
  );
}

function valueAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const key of segmentsOf(pointer)) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

function describeDiff(
  diff: { before?: string; after?: string },
  from: JsonDocument,
  to: JsonDocument,
): { kind: ChangeKind; pointer: string; what: string } {
  const pointer = diff.after ?? diff.before ?? '';
  const docs = isDocumentation(pointer);
  const node = valueAt(diff.after ? to : from, pointer) as { name?: unknown } | undefined;
  const named = node && typeof node === 'object' && typeof node.name === 'string' ? ` (${node.name})` : '';
  const { operation, rest } = operationOf(pointer);
  if (operation && !rest) {
    return diff.before === undefined
      ? { kind: 'added', pointer, what: 'operation added' }
      : { kind: 'changed', pointer, what: 'operation removed' };
  }
  const field = rest || pointer || '/';
  if (diff.before === undefined)
    return { kind: docs ? 'docs' : 'added', pointer, what: `added ${field}${named}` };
  if (diff.after === undefined)
    return { kind: docs ? 'docs' : 'changed', pointer, what: `removed ${field}${named}` };
  return { kind: docs ? 'docs' : 'changed', pointer, what: `changed ${field}` };
}

type Doc = OpenApiDocument & JsonDocument;

/** A path added or removed as a whole reads better as the operations it holds. */
function expandPaths(
  diffs: readonly { before?: string; after?: string }[],
  from: JsonDocument,
  to: JsonDocument,
): { before?: string; after?: string }[] {
  return diffs.flatMap((diff) => {
    const pointer = diff.after ?? diff.before ?? '';
    const s = segmentsOf(pointer);
    if (s.length !== 2 || s[0] !== 'paths' || (diff.before && diff.after)) return [diff];
    const item = valueAt(diff.after ? to : from, pointer) as Record<string, unknown> | undefined;
    const methods = Object.keys(item ?? {}).filter((m) => METHODS.has(m));
    return methods.map((m) => (diff.after ? { after: `${pointer}/${m}` } : { before: `${pointer}/${m}` }));
  });
}

function effectiveServers(doc: Doc, path: string, method: string): string[] {
  const item = doc.paths?.[path] as { servers?: { url: string }[] } & Record<
    string,
    { servers?: { url: string }[] }
  >;
  const list = item?.[method]?.servers ?? item?.servers ?? doc.servers ?? [{ url: '/' }];
  return list.map((s) => s.url);
}

/** A server URL of the baseline that the head no longer offers: clients configured with it stop working. */
function serverChanges(from: Doc, to: Doc): ApiChange[] {
  const changes: ApiChange[] = [];
  const removed = (before: string[], after: string[]) => before.filter((url) => !after.includes(url));
  const docLevel = removed(
    (from.servers ?? [{ url: '/' }]).map((s) => s.url),
    (to.servers ?? [{ url: '/' }]).map((s) => s.url),
  );
  for (const url of docLevel) {
    changes.push({
      kind: 'breaking',
      location: '/servers',
      what: `server URL ${url} removed or changed (now: ${(to.servers ?? []).map((s) => s.url).join(', ') || 'none'})`,
      source: 'servers',
    });
  }
  const headOps = new Set(listOperations(to).map((op) => `${op.method} ${op.path}`));
  for (const op of listOperations(from)) {
    if (!headOps.has(`${op.method} ${op.path}`)) continue;
    const before = effectiveServers(from, op.path, op.method);
    const after = effectiveServers(to, op.path, op.method);
    for (const url of removed(before, after)) {
      if (docLevel.includes(url)) continue;
      changes.push({
        kind: 'breaking',
        operation: `${op.method.toUpperCase()} ${op.path}`,
        location: `${op.pointer.slice(1)}/servers`,
        what: `server URL ${url} removed or changed (now: ${after.join(', ')})`,
        source: 'servers',
      });
    }
  }
  return changes;
}

/** One security alternative as what a client must send: each scheme's definition (not its name) and its scopes. */
function alternativeKey(doc: Doc, requirement: string[], scopes: Record<string, string[]>): string {
  const schemes = (doc.components?.securitySchemes ?? {}) as unknown as Record<
    string,
    Record<string, unknown>
  >;
  return requirement
    .map((name) => {
      const { description: _d, ...scheme } = schemes[name] ?? { missing: name };
      return JSON.stringify({ ...scheme, scopes: [...(scopes[name] ?? [])].sort() });
    })
    .sort()
    .join(' + ');
}

function alternatives(doc: Doc, op: ReturnType<typeof listOperations>[number]) {
  const requirements = op.operation.security ?? doc.security ?? [];
  return operationSecurity(doc, op).map((names, i) => ({
    names: names.length > 0 ? names.join(' + ') : 'no authentication',
    key: alternativeKey(doc, names, (requirements[i] ?? {}) as Record<string, string[]>),
  }));
}

/** A way to authenticate that the baseline accepted and the head does not: clients using it get 401s. */
function securityChanges(from: Doc, to: Doc): ApiChange[] {
  const changes: ApiChange[] = [];
  const head = new Map(listOperations(to).map((op) => [`${op.method} ${op.path}`, op]));
  for (const op of listOperations(from)) {
    const now = head.get(`${op.method} ${op.path}`);
    if (!now) continue;
    const after = new Set(alternatives(to, now).map((a) => a.key));
    for (const alternative of alternatives(from, op)) {
      if (after.has(alternative.key)) continue;
      changes.push({
        kind: 'breaking',
        operation: `${op.method.toUpperCase()} ${op.path}`,
        location: `${op.pointer.slice(1)}/security`,
        what: `security alternative removed or changed: ${alternative.names}`,
        source: 'security',
      });
    }
  }
  return changes;
}

/**
 * Classifies a spec change: Optic's breaking-changes ruleset, plus the two breaks it does not see (a server URL
 * that went away, a security alternative that went away), plus every other difference sorted into added, changed
 * or docs. `from` undefined means a brand-new spec, compared against nothing.
 */
export async function classifySpec(
  from: JsonDocument | undefined,
  to: JsonDocument,
  name: string,
): Promise<SpecClassification> {
  const optic = await runOptic(from, to, name);
  const breaking: ApiChange[] = optic.failures.map((f) => {
    const { operation, rest } = operationOf(f.jsonPath);
    const where =
      operation && f.where.startsWith(operation) ? f.where.slice(operation.length).trim() : f.where;
    return {
      kind: 'breaking',
      ...(operation ? { operation } : {}),
      location: rest || f.jsonPath,
      what: `${where}: ${f.error.replace(/\s*This is a breaking change\.?$/, '')}`,
      source: 'optic',
    };
  });
  if (from) {
    breaking.push(
      ...serverChanges(optic.from as Doc, optic.to as Doc),
      ...securityChanges(optic.from as Doc, optic.to as Doc),
    );
  }
  const brokenAt = optic.failures.map((f) => f.jsonPath);
  const others = new Map<string, ApiChange>();
  for (const diff of expandPaths(optic.diffs, optic.from, optic.to)) {
    const pointer = diff.after ?? diff.before ?? '';
    // Inlined components show up again under every operation that uses them; the operations are what users call.
    if (pointer.startsWith('/components/') && !pointer.startsWith('/components/securitySchemes')) continue;
    if (brokenAt.some((p) => pointer === p || pointer.startsWith(`${p}/`))) continue;
    const described = describeDiff(diff, optic.from, optic.to);
    const { operation } = operationOf(described.pointer);
    const change: ApiChange = {
      kind: described.kind,
      ...(operation ? { operation } : {}),
      location: operationOf(described.pointer).rest || described.pointer,
      what: described.what,
      source: 'diff',
    };
    others.set(`${change.kind}|${change.operation}|${change.what}`, change);
  }
  const changes = [...breaking, ...others.values()];
  return { level: maxLevel(changes.map((c) => c.kind)), changes, isNew: from === undefined };
}
