// For scripts/start.mjs, which loads only this package.
export { exitCodeFor, runMain } from '@modelspecs/spec-tools/cli';
export { credentialAlternatives, describeAlternatives, MOCK_KEY, type MockCredentials } from './auth.js';
export {
  DEFAULT_SEED,
  describeFailure,
  type MockArgValues,
  mockArgOptions,
  parsePort,
  shutdownSignal,
  startOptionsFromArgs,
} from './command.js';
export { MockStartError, PortInUseError } from './errors.js';
export { type MockDocument, mockDocument, serverBasePath } from './mock-document.js';
export { findFreePorts, freePortBase, isPortFree } from './ports.js';
export {
  DEFAULT_HOST,
  defaultPortBase,
  type MockFailure,
  type RunningMock,
  type RunningMocks,
  type StartMocksOptions,
  startMocks,
} from './start.js';
export { formatColumns, formatMockTable } from './table.js';
