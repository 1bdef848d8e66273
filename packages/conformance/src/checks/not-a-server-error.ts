import type { Exchange } from '../exchange.js';
import type { Violation } from '../types.js';
import type { Check } from './check.js';
import { outcome } from './outcome.js';
import { snippet } from './response.js';

function serverError({ asked, outcome: result }: Exchange): Violation[] {
  if ('error' in result) return [{ pointer: '/status', message: `${asked}: ${result.error}` }];
  const { status, text } = result.response;
  if (status < 500) return [];
  return [{ pointer: '/status', message: `${asked} was answered ${status}: "${snippet(text)}"` }];
}

/** Every request sent for the operation got an answer, and below 500. */
export const notAServerError: Check = {
  name: 'not_a_server_error',
  judgesEveryExchange: true,
  run: ({ exchanges }) => outcome(exchanges.flatMap(serverError)),
};
