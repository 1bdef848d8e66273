// Start-up time of each command-line tool of the workspace: `node <bin> --help`, median of several runs, each a
// fresh process. The tools are found from the packages' `bin` fields.
//   node scripts/bench/cli-help.mjs [--smoke]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { figure, median, root, workspacePackages } from './lib.mjs';

export function measureCliHelp({ smoke = false } = {}) {
  const runs = smoke ? 1 : 7;
  const figures = [];
  for (const { dir, manifest } of workspacePackages()) {
    for (const [name, bin] of Object.entries(manifest.bin ?? {})) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const result = spawnSync(process.execPath, [join(root, dir, bin), '--help'], { encoding: 'utf8' });
        times.push(performance.now() - t0);
        if (result.status !== 0) throw new Error(`${name} --help exited ${result.status}: ${result.stderr}`);
      }
      figures.push(
        figure(`cli.${name}.help`, `${name} --help`, median(times), 'ms', {
          method: `wall time of \`node ${dir}/${bin} --help\`, median of ${runs} fresh processes`,
          command: 'node scripts/bench/cli-help.mjs',
        }),
      );
    }
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of measureCliHelp({ smoke: process.argv.includes('--smoke') }))
    console.log(`${f.label.padEnd(40)} ${f.value.toFixed(0).padStart(6)} ${f.unit}`);
}
