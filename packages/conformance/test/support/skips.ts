import { STATELESS_IDS } from '../../src/checks/error-envelope-conformance.js';
import { STATELESS_FETCH } from '../../src/checks/list-get-consistency.js';

/** Every reason a check of a vendor's spec is skipped for against a server: the check does not apply to the operation. */
export const SERVER_SKIPS: string[] = [
  'the path has no parameter to ask for an unknown id',
  'no bounded parameter',
  'the spec documents no response headers for 2XX',
  // A spec scaffolded by `pnpm new-vendor` documents a plain 200 without headers.
  'the spec documents no response headers for 200',
  'not a fetch of one listed item (no GET of a list and of one of its items)',
  'checked on getModel, which fetches the items this operation lists',
  'checked on getTrainingModel, which fetches the items this operation lists',
];

/** Against our stateless mocks, the checks that need state are skipped too, saying so. */
export const MOCK_SKIPS: string[] = [...SERVER_SKIPS, STATELESS_IDS, STATELESS_FETCH];
