// What every rule of the modelspecs Redocly plugin shares: reading untyped nodes, and never crashing the linter.
import type { Oas3Rule, UserContext } from '@redocly/openapi-core';
import type { OpenApiDocument } from '../openapi.js';
import { pointerSegments } from '../pointer.js';

export type Node = Record<string, unknown>;

export const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

type VisitFn = (node: unknown, ctx: UserContext, ...rest: unknown[]) => void;
type Visitor = Record<string, VisitFn | { enter?: VisitFn; leave?: VisitFn }>;

/**
 * A rule whose visitors cannot crash the lint run: a spec is untrusted input, and a value of a shape the rule did not
 * expect becomes a problem at that value, named like any other, instead of an exception that stops every check.
 */
export function guarded(name: string, rule: () => Visitor): Oas3Rule {
  const wrap =
    (visit: VisitFn): VisitFn =>
    (node, ctx, ...rest) => {
      try {
        visit(node, ctx, ...rest);
      } catch (error) {
        ctx.report({
          message: `${name} cannot read this value (${(error as Error).message}); give it the shape the rule documents`,
          location: ctx.location,
        });
      }
    };
  return (() => {
    const visitor: Visitor = {};
    for (const [type, visit] of Object.entries(rule())) {
      visitor[type] =
        typeof visit === 'function'
          ? wrap(visit)
          : {
              ...(visit.enter ? { enter: wrap(visit.enter) } : {}),
              ...(visit.leave ? { leave: wrap(visit.leave) } : {}),
            };
    }
    return visitor;
  }) as unknown as Oas3Rule;
}

/** Whether a value holds a `$ref` to another file (such a spec is checked on its bundle instead). */
export const hasExternalRef = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.entries(value).some(
    ([key, v]) => (key === '$ref' && typeof v === 'string' && !v.startsWith('#')) || hasExternalRef(v),
  );

/** A finding of a document rule: what is wrong, and the JSON pointer of the value at fault. */
export interface DocumentProblem {
  pointer: string;
  message: string;
}

/**
 * A rule that checks the whole document once it has been read: each problem `problems` finds is reported at its
 * pointer, the same problem at the same pointer once. A spec split over several files is skipped: its pointers
 * would name the wrong file, and the readers check its bundle instead (they refuse what these rules report).
 */
export function documentRule(name: string, problems: (doc: OpenApiDocument) => DocumentProblem[]): Oas3Rule {
  return guarded(name, () => ({
    Root: {
      leave(root, ctx) {
        if (!isNode(root) || hasExternalRef(root)) return;
        const seen = new Set<string>();
        for (const { pointer, message } of problems(root as unknown as OpenApiDocument)) {
          if (seen.has(`${pointer} ${message}`)) continue;
          seen.add(`${pointer} ${message}`);
          ctx.report({ message, location: ctx.location.child(pointerSegments(pointer)) });
        }
      },
    },
  }));
}
