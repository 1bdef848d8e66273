import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { bundle, createConfig, getLineColLocation, type NormalizedProblem } from '@redocly/openapi-core';
import { parseDocument } from 'yaml';
import { SpecError } from './errors.js';
import type { OpenApiDocument } from './openapi.js';

function describeProblem(problem: NormalizedProblem, displayRoot: string): string {
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

/** Checks that a file exists and is well-formed YAML, reporting syntax errors with their line and column. */
function parseOrThrow(file: string, displayRoot: string): void {
  const name = relative(displayRoot, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecError(`${name}: cannot read the spec: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Later YAML errors are mostly cascades of the first one: report the first, count the rest.
    const [first] = doc.errors;
    throw new SpecError(
      `${name} is not valid YAML${doc.errors.length > 1 ? ` (${doc.errors.length - 1} more error(s) follow from it)` : ''}`,
      [first!].map((e) => {
        const pos = e.linePos?.[0];
        return `${name}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const root = doc.toJS();
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new SpecError(`${name}: the spec must be a YAML mapping with an "openapi" field`);
  }
}

/**
 * Reads a spec and resolves every `$ref` into one self-contained document (internal refs only).
 * Invalid YAML and unresolvable references throw a SpecError that names the file, line and pointer.
 */
export async function bundleSpec(
  file: string,
  displayRoot: string = process.cwd(),
): Promise<OpenApiDocument> {
  parseOrThrow(file, displayRoot);
  const config = await createConfig({});
  const result = await bundle({ ref: file, config, dereference: false, removeUnusedComponents: false });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new SpecError(
      `${relative(displayRoot, file) || file} cannot be bundled`,
      errors.map((p) => describeProblem(p, displayRoot)),
    );
  }
  const parsed = result.bundle.parsed as unknown;
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    typeof (parsed as { openapi?: unknown }).openapi !== 'string'
  ) {
    throw new SpecError(`${relative(displayRoot, file) || file}: missing the "openapi" version field`);
  }
  return parsed as OpenApiDocument;
}
