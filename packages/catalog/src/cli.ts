// The modelspecs-models bin's module: its command line (main.ts) on the process's arguments and output.
import { processOutput, runMain } from '@modelspecs/spec-tools/cli';
import { main, USAGE_HINT } from './main.js';

runMain('modelspecs-models', () => main(process.argv.slice(2), processOutput), USAGE_HINT);
