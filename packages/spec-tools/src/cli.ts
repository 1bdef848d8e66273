// The modelspecs-spec bin's module: its command line (main.ts) on the process's arguments and output.

import { main } from './main.js';
import { processOutput, runMain } from './run-main.js';

runMain('modelspecs-spec', () => main(process.argv.slice(2), processOutput));
