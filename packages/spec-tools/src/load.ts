import { dirname, relative } from 'node:path';
import {
  bundle,
  createConfig,
  type Document,
  getLineColLocation,
  isMappingRef,
  type NormalizedProblem,
} from '@redocly/openapi-core';
import { SpecError } from './errors.js';
import type { OpenApiDocument } from './openapi.js';
import { toPointer } from './pointer.js';
import { ConfinedResolver, type SpecLoadOptions } from './resolver.js';
import { SourceLocator } from './source-locator.js';

export function describeProblem(problem: NormalizedProblem, displayRoot: string): string {
  const location = problem.location[0];
  if (!location) return problem.message;
  const file = relative(displayRoot, location.source.absoluteRef) || location.source.absoluteRef;
  let where = file;
  try {
    const { start } = getLineColLocation(location);
    where = `${file}:${start.line}:${start.col}`;
  } catch {
    // A location that cannot be mapped to a line still names its file.
  }
  return `${where} ${location.pointer ?? ''}: ${problem.message}`.replace(' :', ':');
}

/** A resolver confined to the spec's folder (`options.root`, else the folder of `file`). */
export function specResolver(
  file: string,
  displayRoot: string,
  options: SpecLoadOptions = {},
): ConfinedResolver {
  return new ConfinedResolver(options.root ?? dirname(file), displayRoot, options);
}

/**
 * Loads the spec's own file through `resolver` and runs `work` on it. A file that cannot be read or parsed, and a
 * `$ref` cycle (which Redocly refuses without saying where), become a SpecError naming the file and the place.
 */
export async function withSpecDocument<T>(
  file: string,
  resolver: ConfinedResolver,
  work: (document: Document) => Promise<T>,
): Promise<T> {
  const document = await resolver.resolveDocument(null, file, true).catch((error: unknown) => error);
  if (document instanceof SpecError) throw document;
  if (document instanceof Error) {
    throw new SpecError(`${resolver.show(file)}: cannot read the spec: ${document.message}`);
  }
  try {
    return await work(document as Document);
  } catch (error) {
    if (error instanceof Error && /circular pointer/i.test(error.message)) {
      const cycle = await resolver.findRefCycle();
      throw new SpecError(`${resolver.show(file)} has a $ref cycle`, [
        cycle ?? `${resolver.show(file)}: a chain of $refs leads back to itself; make it end at a value`,
      ]);
    }
    throw error;
  }
}

/**
 * Where a bundled document still names something outside itself: a `$ref` Redocly leaves alone (one in an example
 * value or another literal), an `externalValue`, a discriminator mapping to a file. Tools downstream (Prism, Redoc,
 * openapi-typescript) would resolve those on their own, outside the spec's confinement, so none may remain.
 */
export function externalReferences(doc: unknown): { pointer: string; message: string }[] {
  const found: { pointer: string; message: string }[] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (!Array.isArray(node)) {
      if (typeof obj.$ref === 'string' && !obj.$ref.startsWith('#')) {
        found.push({
          pointer: toPointer([...path, '$ref']),
          message: `$ref "${obj.$ref}" is left unresolved (a $ref inside a literal value is not followed); only internal references (#/...) may remain`,
        });
      }
      if (typeof obj.externalValue === 'string') {
        found.push({
          pointer: toPointer([...path, 'externalValue']),
          message:
            'externalValue is not inlined (an example with "value" too?): give the example a "value" only, or an externalValue naming a file in the spec\'s folder',
        });
      }
      if (path.at(-1) === 'discriminator') {
        const targets = [
          ...Object.entries((obj.mapping ?? {}) as Record<string, unknown>).map(([k, v]) => [
            `mapping/${k}`,
            v,
          ]),
          ['defaultMapping', obj.defaultMapping],
        ];
        for (const [key, target] of targets) {
          if (typeof target === 'string' && isMappingRef(target) && !target.startsWith('#')) {
            found.push({
              pointer: toPointer([...path, ...String(key).split('/')]),
              message: `discriminator target "${target}" is not a schema of this document`,
            });
          }
        }
      }
    }
    for (const [key, child] of Object.entries(obj)) visit(child, [...path, key]);
  };
  visit(doc, []);
  return found;
}

/**
 * Reads a spec and resolves every `$ref` into one self-contained document (internal refs only).
 * Files are read only from the spec's folder (`options.root`, default the folder of `file`), none over
 * `options.maxFileBytes`, and nothing from the network unless `options.allowRemoteRefs` says so.
 * Invalid YAML, unresolvable or refused references throw a SpecError that names the file, line and pointer.
 */
export async function bundleSpec(
  file: string,
  displayRoot: string = process.cwd(),
  options: SpecLoadOptions = {},
): Promise<OpenApiDocument> {
  const name = relative(displayRoot, file) || file;
  const resolver = specResolver(file, displayRoot, options);
  const config = await createConfig({});
  const result = await withSpecDocument(file, resolver, (doc) =>
    bundle({ doc, config, externalRefResolver: resolver, dereference: false, removeUnusedComponents: false }),
  );
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new SpecError(
      `${name} cannot be bundled`,
      errors.map((p) => describeProblem(p, displayRoot)),
    );
  }
  const parsed = result.bundle.parsed as unknown;
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    typeof (parsed as { openapi?: unknown }).openapi !== 'string'
  ) {
    throw new SpecError(`${name}: missing the "openapi" version field`);
  }
  assertSelfContained(parsed, name, new SourceLocator(file, displayRoot, result.bundle.source.body));
  return parsed as OpenApiDocument;
}

/** Throws a SpecError naming every external reference left in a bundled document (see `externalReferences`). */
export function assertSelfContained(doc: unknown, name: string, locator?: SourceLocator): void {
  const left = externalReferences(doc);
  if (left.length > 0) {
    throw new SpecError(
      `${name} refers to content outside itself that bundling did not bring in`,
      left.map((r) => `${locator ? `${locator.locate(r.pointer)} ` : ''}${r.pointer}: ${r.message}`),
    );
  }
}
