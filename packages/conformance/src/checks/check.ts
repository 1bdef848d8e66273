import type {
  Credentials,
  DocumentSchemas,
  OpenApiDocument,
  OperationEntry,
  SecuritySchemes,
} from '@modelspecs/spec-tools';
import type { Exchange, SendRequest } from '../exchange.js';
import type { Limits } from '../limits.js';
import type { PlannedOperation } from '../plan.js';
import type { RequestTemplate } from '../requests.js';
import type { CheckName, TargetKind } from '../types.js';
import type { Outcome } from './outcome.js';

/** Everything a check may read about one operation, and the one way it may send requests of its own. */
export interface CheckContext {
  doc: OpenApiDocument;
  schemas: DocumentSchemas;
  schemes: SecuritySchemes;
  /** Every planned operation of the spec (a list finds the fetch-by-id operation that checks its items). */
  plan: readonly PlannedOperation[];
  planned: PlannedOperation;
  kind: TargetKind;
  limits: Limits;
  /** The operation's valid request and the path parameters it was built with (a listed id, when there is one). */
  request: RequestTemplate;
  pathParams: Record<string, string>;
  /** The security alternative the key is sent through; `undefined` when the operation needs no credentials. */
  alternative: string[] | undefined;
  /** The schemes of `alternative` the checker cannot send: then no request carries credentials. */
  unsendable: string[];
  credentials: Credentials;
  /** The credentials of `alternative` with a wrong key of the same shape as the given one. */
  wrongCredentials: () => Credentials;
  /** The answer to the valid request. */
  main: Exchange;
  /** Every exchange of the operation so far, the valid request's first. */
  exchanges: readonly Exchange[];
  /** Sends a request for the operation; its exchange joins `exchanges`. */
  send: SendRequest;
  /** The answer a list operation gave to its own valid request, when it has run. */
  listAnswer: (list: OperationEntry) => Exchange | undefined;
}

/**
 * One conformance check. Checks run in the registry's order, except that those that judge every exchange run after
 * all the others, so that they see every request the other checks sent.
 */
export interface Check {
  name: CheckName;
  judgesEveryExchange?: true;
  run(context: CheckContext): Outcome | Promise<Outcome>;
}
