// The modelspecs-api-diff bin's module: its command line (main.ts) on the process's arguments and output.
import { processOutput, runMain } from '@modelspecs/spec-tools/cli';
import { main, USAGE } from './main.js';

runMain('modelspecs-api-diff', () => main(process.argv.slice(2), processOutput), USAGE);
