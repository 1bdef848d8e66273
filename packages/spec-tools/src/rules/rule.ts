// What every rule of the modelspecs Redocly plugin shares: reading untyped nodes, and never crashing the linter.
import type { Oas3Rule, UserContext } from '@redocly/openapi-core';

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
