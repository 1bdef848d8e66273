import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const r = await build({
  entryPoints: [process.argv[2]],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'silent',
});
const c = r.outputFiles[0].contents;
console.log(c.length, gzipSync(c, { level: 9 }).length);
if (process.argv[3]) console.log(Buffer.from(c).toString());
