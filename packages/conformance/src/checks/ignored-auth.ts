import { NO_CREDENTIALS } from '../credentials.js';
import { type Exchange, noAnswer, responseOf } from '../exchange.js';
import { describeRequest } from '../requests.js';
import type { Violation } from '../types.js';
import type { Check, CheckContext } from './check.js';
import { fail, type Outcome, outcome, pass, skip } from './outcome.js';
import { isDocumentedStatus } from './response.js';

export const STATELESS_KEYS =
  'wrong credentials not tried: the target is a stateless mock that accepts any well-formed key';

const refused = (status: number) => status === 401 || status === 403;

/** Why a request that should have been refused was not (nothing when it was, with a documented 401 or 403). */
function notRejected(context: CheckContext, exchange: Exchange): Violation | undefined {
  const response = responseOf(exchange);
  if (!response) return { pointer: '/status', message: noAnswer(exchange) };
  if (!refused(response.status)) {
    return {
      pointer: '/status',
      message: `${exchange.asked} was answered ${response.status}; expected a documented 401 or 403`,
    };
  }
  if (!isDocumentedStatus(context.doc, context.planned.entry, response.status)) {
    return {
      pointer: '/status',
      message: `${exchange.asked} was answered ${response.status}, which the spec does not document for this operation`,
    };
  }
  return undefined;
}

async function checkAuth(context: CheckContext): Promise<Outcome> {
  const { main, request, send } = context;
  const violations: Violation[] = [];
  const mainResponse = responseOf(main);
  if (mainResponse && refused(mainResponse.status)) {
    violations.push({
      pointer: '/status',
      message: `${main.asked} with the given key was answered ${mainResponse.status}: the key was refused, so the other checks judged an error answer`,
    });
  }
  const asked = describeRequest(request);
  const expectRejected = (exchange: Exchange) => {
    const violation = notRejected(context, exchange);
    if (violation) violations.push(violation);
  };
  expectRejected(await send(request, NO_CREDENTIALS, `${asked} without credentials`));
  if (context.kind === 'mock') {
    return violations.length > 0 ? fail(violations, STATELESS_KEYS) : pass(STATELESS_KEYS);
  }
  expectRejected(await send(request, context.wrongCredentials(), `${asked} with a wrong key`));
  return outcome(violations);
}

/**
 * A request without credentials and one with a wrong key of the same shape are each refused with a documented 401
 * or 403; and the valid request, with the given key, is not.
 */
export const ignoredAuth: Check = {
  name: 'ignored_auth',
  run: (context) => {
    const { unsendable, schemes, alternative } = context;
    if (unsendable.length > 0) {
      const named = unsendable.map((n) => `"${n}" (${schemes.unsendable[n] ?? 'undeclared'})`).join(', ');
      return skip(
        `the operation's security scheme ${named} is not one the checker can send (http bearer or basic, apiKey in a header or the query), so no request carried credentials`,
      );
    }
    if (!alternative) return skip('the operation needs no credentials');
    return checkAuth(context);
  },
};
