import { randomBytes } from 'node:crypto';
import type { Credentials, OpenApiDocument, OperationEntry } from '@modelspecs/spec-tools';
import { operationSecurity } from '@modelspecs/spec-tools';

export const NO_CREDENTIALS: Credentials = { headers: {}, query: {} };

/**
 * The security alternative the checker sends its one key through: `undefined` when the operation needs no
 * credentials (no requirement, or an empty one), else the first alternative with a single scheme (a plain API key
 * rather than, say, a token pair), else the first. Given the schemes a key can be sent through, alternatives made
 * of those come first; an alternative that names another scheme is returned only when there is no other.
 */
export function chooseAlternative(
  doc: OpenApiDocument,
  entry: OperationEntry,
  sendable?: Readonly<Record<string, unknown>>,
): string[] | undefined {
  const alternatives = operationSecurity(doc, entry);
  if (alternatives.length === 0 || alternatives.some((a) => a.length === 0)) return undefined;
  const pick = (from: string[][]) => from.find((a) => a.length === 1) ?? from[0];
  const usable = sendable ? alternatives.filter((a) => a.every((name) => name in sendable)) : alternatives;
  return pick(usable) ?? pick(alternatives);
}

/**
 * A key of the same shape as `key` that no server should accept: the same vendor prefix (`tns_`, `sk-quantized-`,
 * `tpo_live_`) followed by random characters, at least as long as the real key, so the server has to check the key
 * rather than its format.
 */
export function wrongKeyLike(key: string): string {
  const prefix = /^[A-Za-z]+[_-](?:[A-Za-z]+[_-])?/.exec(key)?.[0] ?? '';
  const length = Math.max(key.length - prefix.length, 24);
  let rest = '';
  while (rest.length < length) rest += randomBytes(16).toString('hex');
  return `${prefix}${rest.slice(0, length)}`;
}
