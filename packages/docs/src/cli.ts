import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '@modelspecs/spec-tools';
import { runMain } from '@modelspecs/spec-tools/cli';
import { buildSite, DEFAULT_SITE_DIR } from './build.js';
import { serveDocs } from './serve.js';

const USAGE = `Usage: modelspecs-docs <command> [options]

Commands:
  build [--vendor <slugs>] [--out <dir>]     render every spec's reference (Redoc, offline) and the portal
                                              into packages/docs/dist (or --out)
  serve [--host <ip>] [--port <n>] [--dir <dir>]
                                              serve the rendered site (default 127.0.0.1:8080)`;

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be an integer between 0 and 65535, not "${value}"`);
  }
  return port;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      vendor: { type: 'string' },
      out: { type: 'string' },
      dir: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'build': {
      const site = await buildSite({
        vendors: values.vendor,
        outDir: values.out ? resolve(values.out) : DEFAULT_SITE_DIR,
        log: (line) => console.log(line),
      });
      console.log(`wrote the portal and ${site.vendors.length} references to ${site.outDir}`);
      return 0;
    }
    case 'serve': {
      const server = await serveDocs({
        host: values.host,
        port: parsePort(values.port),
        dir: values.dir ? resolve(values.dir) : undefined,
      });
      console.log(`API reference: ${server.url} (Ctrl+C to stop)`);
      const stop = () => {
        server.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

runMain('modelspecs-docs', () => main(process.argv.slice(2)));
