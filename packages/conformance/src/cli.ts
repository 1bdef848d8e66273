import { processOutput } from '@modelspecs/spec-tools/cli';
import { runCli } from './cli-main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  ...processOutput,
  env: process.env,
  cwd: process.cwd(),
});
