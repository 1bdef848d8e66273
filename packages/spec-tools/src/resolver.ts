import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { BaseResolver, type Document, getLineColLocation, Source } from '@redocly/openapi-core';
import { isAlias, LineCounter, parseDocument, visit } from 'yaml';
import { DEFAULT_MAX_FILE_BYTES, readConfinedFile } from './confined-read.js';
import { SpecError } from './errors.js';
import type { SpecLoadOptions } from './load-options.js';
import { escapeSegment, pointerSegments } from './pointer.js';

export type { SpecLoadOptions };
export { DEFAULT_MAX_FILE_BYTES };

const URL_SCHEME = /^([a-z][a-z0-9+.-]+):/i;
const YAML_OR_JSON = /\.(ya?ml|json)$/i;
/** As many aliases as a hand-written spec could want; an alias bomb needs far more. */
const MAX_ALIASES = 100;

/** A URL fit for an error message: without the user and password it may carry. */
function showUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Reads `response`'s body as text, failing once it exceeds `limit` bytes instead of buffering all of it. */
async function readCapped(response: Response, limit: number, what: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body?.cancel();
    throw new SpecError(`${what} is ${declared} bytes, over the limit of ${limit} bytes per spec file`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    total += next.value.byteLength;
    if (total > limit) {
      await reader?.cancel();
      throw new SpecError(`${what} is over the limit of ${limit} bytes per spec file`);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Checks that a YAML (or JSON) file parses on its own, without duplicate keys or an alias bomb, before Redocly
 * parses it: a SpecError naming the file, line and column otherwise.
 */
export function checkYaml(text: string, name: string): void {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    // Later YAML errors are mostly cascades of the first one: report the first, count the rest.
    const [first] = doc.errors;
    const pos = first!.linePos?.[0];
    throw new SpecError(
      `${name} is not valid YAML${doc.errors.length > 1 ? ` (${doc.errors.length - 1} more error(s) follow from it)` : ''}`,
      [`${name}${pos ? `:${pos.line}:${pos.col}` : ''}: ${first!.message.split('\n')[0]}`],
    );
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    let where = name;
    visit(doc, {
      Alias(_, node) {
        if (isAlias(node) && node.range) {
          const { line, col } = lines.linePos(node.range[0]);
          where = `${name}:${line}:${col}`;
          return visit.BREAK;
        }
      },
    });
    throw new SpecError(
      `${where}: its YAML aliases (*name) expand to too much data, the mark of an alias bomb: write the repeated ` +
        `content out, or share it with a $ref to one definition`,
    );
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new SpecError(
      `${name}: a spec file must be a YAML mapping (of fields such as "openapi" and "paths")`,
    );
  }
}

/**
 * Redocly's resolver, confined: it reads only regular files inside the spec's folder (after `..` and links are
 * resolved), none larger than the limit, and no URL unless remote references are allowed, each fetch then bounded by
 * a timeout. Every file is checked with `checkYaml` before Redocly parses it. A refused reference is an error on the
 * `$ref` that names it, reported with its file, line and pointer by whoever walks the document.
 */
export class ConfinedResolver extends BaseResolver {
  readonly root: string;
  private readonly maxFileBytes: number;
  private realRoot: Promise<string> | undefined;

  constructor(
    root: string,
    private readonly displayRoot: string,
    private readonly options: SpecLoadOptions = {},
  ) {
    super();
    this.root = resolve(root);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (!Number.isSafeInteger(this.maxFileBytes) || this.maxFileBytes < 1) {
      throw new RangeError(`maxFileBytes must be a positive integer, not ${options.maxFileBytes}`);
    }
  }

  /** A path as error messages show it: relative to the display root when below it. */
  show(path: string): string {
    if (URL_SCHEME.test(path)) return showUrl(path);
    const rel = relative(this.displayRoot, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  }

  override resolveExternalRef(base: string | null, ref: string): string {
    if (URL_SCHEME.test(ref)) return ref;
    if (base && URL_SCHEME.test(base)) return new URL(ref, base).href;
    return resolve(base ? dirname(base) : process.cwd(), ref);
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const scheme = URL_SCHEME.exec(absoluteRef)?.[1]?.toLowerCase();
    return scheme === undefined ? this.readFile(absoluteRef) : this.fetchUrl(absoluteRef, scheme);
  }

  override parseDocument(source: Source, isRoot = false): Document {
    const name = URL_SCHEME.test(source.absoluteRef)
      ? new URL(source.absoluteRef).pathname
      : source.absoluteRef;
    if (isRoot || YAML_OR_JSON.test(name) || /(json|yaml|openapi)/.test(source.mimeType ?? '')) {
      checkYaml(source.body, this.show(source.absoluteRef));
    }
    return super.parseDocument(source, isRoot);
  }

  private async readFile(path: string): Promise<Source> {
    this.realRoot ??= realpath(this.root);
    const text = readConfinedFile(path, {
      folder: this.root,
      realFolder: await this.realRoot,
      maxBytes: this.maxFileBytes,
      show: (p) => this.show(p),
    });
    return new Source(path, text.replace(/\r\n/g, '\n'));
  }

  private async fetchUrl(url: string, scheme: string): Promise<Source> {
    const remote = this.options.allowRemoteRefs;
    if (!remote || (scheme !== 'http' && scheme !== 'https')) {
      throw new SpecError(
        `${showUrl(url)} is remote: a spec is read without touching the network, so a $ref may only name a file ` +
          `in ${this.show(this.root)}/ or below; copy the document into the folder and refer to it by a relative path`,
      );
    }
    const signal = AbortSignal.timeout(remote.timeoutMs);
    try {
      const response = await fetch(url, { signal, redirect: 'follow' });
      if (!response.ok) {
        await response.body?.cancel();
        throw new SpecError(`${showUrl(url)} answered HTTP ${response.status}`);
      }
      const text = await readCapped(response, this.maxFileBytes, showUrl(url));
      return new Source(url, text, response.headers.get('content-type') ?? undefined);
    } catch (error) {
      if (signal.aborted) {
        throw new SpecError(
          `${showUrl(url)} did not answer within ${remote.timeoutMs} ms (allowRemoteRefs.timeoutMs)`,
        );
      }
      throw error instanceof SpecError
        ? error
        : new SpecError(`cannot fetch ${showUrl(url)}: ${(error as Error).message}`);
    }
  }

  /**
   * The first chain of `$ref`s among the loaded files that leads back to itself, as
   * `file:line:col #/pointer: $ref cycle: a -> b -> a`, or undefined. Redocly refuses such a cycle without saying where.
   */
  async findRefCycle(): Promise<string | undefined> {
    const docs = new Map<string, Document>();
    for (const [ref, pending] of this.cache) {
      const doc = await pending.catch(() => undefined);
      if (doc && !(doc instanceof Error)) docs.set(ref, doc as Document);
    }
    const at = (doc: Document, segments: readonly string[]): unknown => {
      let node: unknown = doc.parsed;
      for (const s of segments) node = (node as Record<string, unknown> | undefined)?.[s];
      return node;
    };
    const refOf = (node: unknown) =>
      node !== null && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string'
        ? (node as { $ref: string }).$ref
        : undefined;
    const name = (file: string, pointer: string, from: string) =>
      file === from ? pointer : `${this.show(file)}${pointer}`;
    for (const [file, doc] of docs) {
      const starts: string[] = [];
      const collect = (node: unknown, pointer: string): void => {
        if (node === null || typeof node !== 'object') return;
        if (refOf(node) !== undefined) starts.push(pointer);
        for (const [key, value] of Object.entries(node)) {
          collect(value, `${pointer}/${escapeSegment(key)}`);
        }
      };
      collect(doc.parsed, '#');
      for (const start of starts) {
        const seen: string[] = [];
        let current: { file: string; pointer: string } | undefined = { file, pointer: start };
        while (current) {
          const key = `${current.file}${current.pointer}`;
          if (seen.includes(key)) {
            const { line, col } = getLineColLocation({
              source: doc.source,
              pointer: start,
              reportOnKey: false,
            }).start;
            const chain = [...seen.slice(seen.indexOf(key)), key].map((k) => {
              const [f, p] = [k.slice(0, k.indexOf('#')), k.slice(k.indexOf('#'))];
              return name(f, p, file);
            });
            return `${this.show(file)}:${line}:${col} ${start}: $ref cycle: ${chain.join(' -> ')}; a $ref must lead to a value, not back to itself`;
          }
          seen.push(key);
          const target = docs.get(current.file);
          const ref: string | undefined = target
            ? refOf(at(target, pointerSegments(current.pointer)))
            : undefined;
          if (ref === undefined) break;
          const hash: number = ref.indexOf('#');
          const uri: string = hash === -1 ? ref : ref.slice(0, hash);
          const pointer: string = hash === -1 ? '#' : ref.slice(hash);
          if (!pointer.startsWith('#/') && pointer !== '#') break;
          current = {
            file: uri === '' ? current.file : this.resolveExternalRef(current.file, uri),
            pointer,
          };
        }
      }
    }
    return undefined;
  }
}
