/**
 * Preloaded (`node --import`) into every Prism process the mock package starts. Plain JavaScript outside src/ so
 * that the same file serves the compiled package and its tests run from source.
 *
 * The parent keeps a pipe open on our stdin and never writes to it. When the parent goes away for any reason,
 * SIGKILL included, the pipe reaches end-of-file and this process exits, so no mock outlives the process that
 * started it. The mock's temporary spec folder is removed on the way out.
 */
import { rmSync } from 'node:fs';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by startMocks() for the Prism child it spawns, never inherited from a turbo task.
const ownedDir = process.env.MODELSPECS_MOCK_TMPDIR;

process.on('exit', () => {
  if (ownedDir) rmSync(ownedDir, { recursive: true, force: true });
});
// Node's default action for these signals skips the 'exit' handlers above.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => process.exit(0));
}

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
