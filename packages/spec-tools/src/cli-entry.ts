// @modelspecs/spec-tools/cli: what the command-line tools need before they load anything heavy (their --help and
// usage errors answer from this alone): running a main, usage errors, and where the vendors are.
export { formatColumns } from './columns.js';
export { SpecError, UsageError } from './errors.js';
export {
  type CliMain,
  type CliOutput,
  exitCodeFor,
  type InProcessRun,
  processOutput,
  runMain,
  runMainInProcess,
  settleMain,
} from './run-main.js';
export { selectVendors, type Vendor, type VendorCatalog, vendorCatalog } from './vendors.js';
export { writeFilesAtomically } from './write.js';
