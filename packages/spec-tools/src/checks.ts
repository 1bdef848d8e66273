import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { lintDocument, loadConfig } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { SpecError } from './errors.js';
import { describeProblem, specResolver, withSpecDocument } from './load.js';
import { deref, type ExampleObject, isReference, listOperations, type OpenApiDocument } from './openapi.js';
import { toPointer } from './pointer.js';
import { ConfinedResolver, type SpecLoadOptions } from './resolver.js';
import { DocumentSchemas, describeErrors } from './schema-validator.js';
import type { SourceLocator } from './source-locator.js';

/** The Redocly CLI entry point of the pinned @redocly/cli. */
export function redoclyCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

export interface CheckResult {
  name: string;
  problems: string[];
  /** Tool output worth showing as is (Redocly's codeframes). */
  output?: string;
}

/**
 * Redocly's linter with the repo's redocly.yaml (recommended-strict): any error or warning is a problem. It runs in
 * process on the files the confined resolver reads (the spec's folder only, no network), never on its own.
 */
export async function redoclyLint(
  specFile: string,
  root: string,
  options: SpecLoadOptions = {},
): Promise<CheckResult> {
  const name = 'redocly lint (recommended-strict)';
  const configFile = join(root, 'redocly.yaml');
  let problems: string[];
  try {
    // The config may extend others: they too are read only from the workspace, never from the network.
    const config = await loadConfig({
      configPath: configFile,
      externalRefResolver: new ConfinedResolver(root, root),
    });
    const resolver = specResolver(specFile, root, options);
    const found = await withSpecDocument(specFile, resolver, (document) =>
      lintDocument({ document, config, externalRefResolver: resolver }),
    );
    problems = found.map((p) => `${describeProblem(p, root)} (${p.ruleId})`);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    problems = [...error.problems, ...(error.problems.length ? [] : [error.message])];
  }
  return { name, problems };
}

/** A second, independent validation of the whole document against the OpenAPI 3.1 schema. */
export async function schemaValidate(doc: OpenApiDocument): Promise<CheckResult> {
  const validator = new Validator();
  const result = await validator.validate(
    structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
  );
  const errors = result.valid ? [] : Array.isArray(result.errors) ? result.errors : [result.errors];
  return {
    name: 'OpenAPI 3.1 schema (@seriousme/openapi-schema-validator)',
    problems: errors.map((e) =>
      typeof e === 'string'
        ? e
        : `#${(e as { instancePath?: string }).instancePath ?? ''}: ${(e as { message?: string }).message ?? JSON.stringify(e)}`,
    ),
  };
}

export interface ExampleCase {
  /** Where the example value sits in the bundled document. */
  pointer: string;
  /** The schema it must satisfy. */
  schemaPointer: string;
  value: unknown;
}

const SKIP_KEYS = new Set(['value', 'example', 'examples', 'default', 'const', 'enum']);

/**
 * Every example in a document, each with the schema it must satisfy: media-type, parameter and header
 * examples (`example`, and `examples` maps, following `$ref`s to components.examples) and schema
 * examples (the `examples` array and the deprecated `example` of a schema). Extension values are skipped.
 */
export function collectExamples(doc: OpenApiDocument): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, [...path, i]);
      });
      return;
    }
    const obj = node as Record<string, unknown>;
    const here = toPointer(path);
    const hasSchemaKey = typeof obj.schema === 'object' && obj.schema !== null;
    if (hasSchemaKey) {
      // A media type, parameter or header object.
      const schemaPointer = `${here}/schema`;
      if ('example' in obj) cases.push({ pointer: `${here}/example`, schemaPointer, value: obj.example });
      if (obj.examples && typeof obj.examples === 'object' && !Array.isArray(obj.examples)) {
        for (const [name, example] of Object.entries(obj.examples as Record<string, unknown>)) {
          const resolved = deref<ExampleObject>(doc, example as ExampleObject);
          if (resolved && 'value' in resolved) {
            const pointer = isReference(example)
              ? `${example.$ref}/value`
              : toPointer([...path, 'examples', name, 'value']);
            cases.push({ pointer, schemaPointer, value: resolved.value });
          }
        }
      }
    } else if (path.length > 0 && !String(path[path.length - 1]).startsWith('x-')) {
      // A schema object: `examples` is an array in JSON Schema 2020-12.
      if (Array.isArray(obj.examples) && looksLikeSchema(obj)) {
        obj.examples.forEach((value, i) => {
          cases.push({ pointer: toPointer([...path, 'examples', i]), schemaPointer: here, value });
        });
      }
      if ('example' in obj && looksLikeSchema(obj)) {
        cases.push({ pointer: `${here}/example`, schemaPointer: here, value: obj.example });
      }
    }
    for (const [key, child] of Object.entries(obj)) {
      if (SKIP_KEYS.has(key) || key.startsWith('x-')) continue;
      visit(child, [...path, key]);
    }
  };
  visit(doc, []);
  return cases;
}

const SCHEMA_KEYS = [
  'type',
  'properties',
  'items',
  '$ref',
  'oneOf',
  'anyOf',
  'allOf',
  'enum',
  'const',
  'format',
];
const looksLikeSchema = (obj: Record<string, unknown>) => SCHEMA_KEYS.some((k) => k in obj);

/** Validates every example against its schema with Ajv (JSON Schema 2020-12). */
export function checkExamples(
  doc: OpenApiDocument,
  locator?: SourceLocator,
): CheckResult & { checked: number } {
  const schemas = new DocumentSchemas(doc);
  const cases = collectExamples(doc);
  const problems: string[] = [];
  for (const c of cases) {
    try {
      for (const error of schemas.validate(c.schemaPointer, c.value)) {
        // Point at the offending value itself when the source has it, else at the example.
        const where = locator ? `${locator.locate(`${c.pointer}${error.instancePath}`)} ` : '';
        const [message] = describeErrors([error]);
        problems.push(`${where}${c.pointer}: example does not match ${c.schemaPointer}: ${message}`);
      }
    } catch (error) {
      const where = locator ? `${locator.locate(c.pointer)} ` : '';
      problems.push(`${where}${c.pointer}: cannot compile ${c.schemaPointer}: ${(error as Error).message}`);
    }
  }
  return {
    name: 'examples against their schemas (Ajv, JSON Schema 2020-12)',
    problems,
    checked: cases.length,
  };
}

const SUCCESS = /^2(\d\d|XX)$/;
const ERROR = /^[45](\d\d|XX)$|^default$/;

/** Every operation documents a 2xx answer and at least one error answer. */
export function checkResponses(doc: OpenApiDocument, locator?: SourceLocator): CheckResult {
  const problems: string[] = [];
  for (const { method, path, operation, pointer } of listOperations(doc)) {
    const codes = Object.keys(operation.responses ?? {});
    const where = locator ? `${locator.locate(pointer)} ` : '';
    if (!codes.some((c) => SUCCESS.test(c))) {
      problems.push(`${where}${method.toUpperCase()} ${path}: no 2xx response is documented`);
    }
    if (!codes.some((c) => ERROR.test(c))) {
      problems.push(
        `${where}${method.toUpperCase()} ${path}: no error (4xx, 5xx or default) response is documented`,
      );
    }
  }
  return { name: 'a 2xx and an error response on every operation', problems };
}

/** The project's own conventions that downstream tools rely on (see CONTRIBUTING.md). */
export function checkConventions(doc: OpenApiDocument, locator?: SourceLocator): CheckResult {
  const problems: string[] = [];
  const at = (pointer: string) => (locator ? `${locator.locate(pointer)} ${pointer}` : pointer);
  if (typeof doc.info['x-vendor'] !== 'string' || doc.info['x-vendor'] === '') {
    problems.push(`${at('#/info')}: "x-vendor" (the vendor's display name) is required`);
  }
  const origin = doc.info['x-origin'];
  if (!Array.isArray(origin) || origin.length === 0 || origin.some((o) => typeof o?.url !== 'string')) {
    problems.push(
      `${at('#/info')}: "x-origin" must list the vendor documentation pages as {url, format, retrieved}`,
    );
  }
  if (!/^https:\/\//.test(doc.servers?.[0]?.url ?? '')) {
    problems.push(`${at('#/servers')}: the first server must be the vendor's https base URL`);
  }
  const discrepancies = doc['x-doc-discrepancies'];
  if (discrepancies !== undefined) {
    if (!Array.isArray(discrepancies)) {
      problems.push(`${at('#/x-doc-discrepancies')}: must be a list of {topic, sources, resolution}`);
    } else {
      discrepancies.forEach((d, i) => {
        const ok =
          typeof d?.topic === 'string' &&
          typeof d?.resolution === 'string' &&
          Array.isArray(d?.sources) &&
          d.sources.length > 0 &&
          d.sources.every(
            (s: { source?: unknown; says?: unknown }) =>
              typeof s?.source === 'string' && typeof s?.says === 'string',
          );
        if (!ok) {
          problems.push(
            `${at(`#/x-doc-discrepancies/${i}`)}: needs "topic", "resolution" and "sources" as a list of {source, says}`,
          );
        }
      });
    }
  }
  for (const { method, path, operation, pointer } of listOperations(doc)) {
    const samples = operation['x-codeSamples'];
    const langs = Array.isArray(samples) ? samples.map((s: { lang?: string }) => s?.lang) : [];
    for (const lang of ['curl', 'TypeScript']) {
      if (!langs.includes(lang)) {
        problems.push(
          `${at(pointer)}: ${method.toUpperCase()} ${path} has no "${lang}" entry in x-codeSamples`,
        );
      }
    }
  }
  return {
    name: 'modelspecs conventions (x-vendor, x-origin, servers, x-doc-discrepancies, x-codeSamples)',
    problems,
  };
}
