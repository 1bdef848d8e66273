import { formatColumns } from '@modelspecs/spec-tools/cli';
import type { RunningMock } from './start.js';

export { formatColumns };

/**
 * The table a person reads after start-up: vendor, base URL (base path included), the auth header to send and,
 * when the reference is served, its URL.
 */
export function formatMockTable(
  mocks: readonly Pick<RunningMock, 'slug' | 'name' | 'baseUrl' | 'authHeader'>[],
  docsUrls: Readonly<Record<string, string>> = {},
): string {
  return formatColumns(
    ['vendor', 'name', 'base URL', 'auth header', 'reference docs'],
    mocks.map((m) => [m.slug, m.name, m.baseUrl, m.authHeader, docsUrls[m.slug] ?? '']),
  );
}
