#!/usr/bin/env node
// The published packages used the way a user uses them, outside this repository: every public package is packed,
// the tarballs are installed with npm into a new project in the temp folder (no workspace links, no
// MODELSPECS_ROOT), and that project type-checks and runs a program against startMocks(), runs the conformance
// checker (each vendor, a faulty server, --spec on a copied spec), starts and stops the mock CLI, imports a bundled
// spec, checks the conformance package alone, without the mocks, lists the catalog of the mocks (JSON rows of
// every vendor, models.dev output valid against the shipped schema) and runs the catalog CLI without the mocks. Run by .ci/run (it installs the tarballs'
// dependencies from the registry); `pnpm test` stays offline.
//   node scripts/consumer-test.mjs [--keep] [--skip-build]   (--skip-build: the packages are built already)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyProject, npmInstall, packAll, publicPackages, root, userEnv } from './lib/packages.mjs';

const { values } = parseArgs({
  options: { keep: { type: 'boolean', default: false }, 'skip-build': { type: 'boolean', default: false } },
});
const step = (text) => console.log(`\n-- ${text}`);
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

/** Runs a command in `cwd` with a user's environment; resolves to its exit code and output. */
function run(cwd, command, args, { timeoutMs = 300_000, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: userEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, out });
    });
  });
}

const tail = (text, lines = 15) => text.trim().split('\n').slice(-lines).join('\n');

/** A loopback server that answers every request 200 with a body no spec allows. */
async function faultyServer() {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('not the documented answer');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/v1` };
}

/** A port nothing listens on right now. */
async function freePort() {
  const server = createTcpServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const work = emptyProject('modelspecs-consumer-');
const tarballDir = join(work, '..', `${work.split('/').at(-1)}-tarballs`);
try {
  step('build and pack every public package');
  if (!values['skip-build']) {
    const build = spawnSync('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('pnpm build failed');
  }
  const tarballs = packAll(tarballDir);
  console.log(Object.keys(tarballs).join('\n'));
  const vendors = publicPackages()
    .map((p) => /^@modelspecs\/spec-(?!tools$)(.+)$/.exec(p.name)?.[1])
    .filter(Boolean);
  check(vendors.length >= 2, `${vendors.length} spec packages are public`);

  step(`npm install the tarballs into ${work}`);
  const tsVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.typescript;
  const nodeTypes = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies[
    '@types/node'
  ];
  npmInstall(work, [...Object.values(tarballs), `typescript@${tsVersion}`, `@types/node@${nodeTypes}`]);

  step('the packed spec packages hold the bundle of the committed openapi.yaml');
  const { bundleSpec, serializeBundle } = await import(
    join(root, 'packages', 'spec-tools', 'dist', 'index.js')
  );
  for (const slug of vendors) {
    const committed = serializeBundle(await bundleSpec(join(root, 'specs', slug, 'openapi.yaml'), root));
    const installed = join(work, 'node_modules', '@modelspecs', `spec-${slug}`, 'dist');
    check(
      readFileSync(join(installed, 'openapi.json'), 'utf8') === committed.json &&
        readFileSync(join(installed, 'openapi.yaml'), 'utf8') === committed.yaml,
      `@modelspecs/spec-${slug}: dist/openapi.{json,yaml} is the bundle of specs/${slug}/openapi.yaml`,
    );
  }

  step('type-check (strict, nodenext and bundler) and run a program on two clients against startMocks()');
  const [first, second] = vendors;
  const clientName = (slug) => `create${slug[0].toUpperCase()}${slug.slice(1)}Client`;
  writeFileSync(
    join(work, 'app.ts'),
    `import { startMocks } from '@modelspecs/mock';
import { ${clientName(first)}, unwrap } from '@modelspecs/${first}';
import { ${clientName(second)} } from '@modelspecs/${second}';
import spec from '@modelspecs/spec-${first}/openapi.json' with { type: 'json' };
import { facts } from '@modelspecs/spec-${first}';

if (typeof spec.openapi !== 'string' || !spec.openapi.startsWith('3.')) throw new Error('no openapi version');
const envVar: string = facts.envVar;
const mocks = await startMocks({ vendors: ['${first}', '${second}'] });
try {
  const a = ${clientName(first)}({ apiKey: 'consumer-key', baseUrl: mocks.urls['${first}']! });
  const b = ${clientName(second)}({ apiKey: 'consumer-key', baseUrl: mocks.urls['${second}']! });
  const listA = await unwrap(a.GET('/models'));
  const listB = await b.GET('/models');
  if (!listB.response.ok) throw new Error(\`${second} answered \${listB.response.status}\`);
  console.log(\`${first}: \${JSON.stringify(listA).length} bytes, ${second}: \${listB.response.status}, key in \${envVar}\`);
} finally {
  await mocks.stop();
}
`,
  );
  writeFileSync(
    join(work, 'require.cjs'),
    `const a = require('@modelspecs/${first}');
const b = require('@modelspecs/${second}');
if (typeof a.${clientName(first)} !== 'function' || typeof b.${clientName(second)} !== 'function') process.exit(1);
console.log('require() loads both clients');
`,
  );
  const tsconfig = (moduleResolution) => ({
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext',
      moduleResolution,
      resolveJsonModule: true,
      skipLibCheck: false,
      noUncheckedIndexedAccess: true,
      outDir: 'out',
      types: ['node'],
    },
    files: ['app.ts'],
  });
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify(tsconfig('nodenext'), null, 2));
  writeFileSync(
    join(work, 'tsconfig.bundler.json'),
    JSON.stringify(
      { ...tsconfig('bundler'), compilerOptions: { ...tsconfig('bundler').compilerOptions, noEmit: true } },
      null,
      2,
    ),
  );
  const tsc = join(work, 'node_modules', 'typescript', 'bin', 'tsc');
  let r = await run(work, process.execPath, [tsc, '-p', 'tsconfig.json']);
  check(r.code === 0, `tsc strict nodenext compiles app.ts${r.code === 0 ? '' : `\n${tail(r.out)}`}`);
  r = await run(work, process.execPath, [tsc, '-p', 'tsconfig.bundler.json']);
  check(
    r.code === 0,
    `tsc strict bundler resolution type-checks app.ts${r.code === 0 ? '' : `\n${tail(r.out)}`}`,
  );
  r = await run(work, process.execPath, [join('out', 'app.js')]);
  check(r.code === 0, `the program talks to two mocks through two clients: ${tail(r.out, 3)}`);
  r = await run(work, process.execPath, ['require.cjs']);
  check(r.code === 0, `require() of the clients: ${tail(r.out, 3)}`);

  step('npx modelspecs-conformance --vendor <each vendor>');
  for (const slug of vendors) {
    r = await run(work, 'npx', ['--no-install', 'modelspecs-conformance', '--vendor', slug]);
    check(r.code === 0, `--vendor ${slug} exits ${r.code}: ${tail(r.out, 1)}`);
  }

  step('npx modelspecs-conformance against a faulty loopback server');
  const faulty = await faultyServer();
  r = await run(work, 'npx', [
    '--no-install',
    'modelspecs-conformance',
    '--vendor',
    first,
    '--base-url',
    faulty.url,
    '--api-key',
    'consumer-key',
  ]);
  faulty.server.close();
  check(r.code === 1, `a faulty server fails the checks (exit ${r.code}): ${tail(r.out, 1)}`);

  step('--spec on a spec file copied out of the repository');
  mkdirSync(join(work, 'my-api'));
  copyFileSync(join(root, 'specs', first, 'openapi.yaml'), join(work, 'my-api', 'openapi.yaml'));
  r = await run(work, 'npx', ['--no-install', 'modelspecs-conformance', '--spec', 'my-api/openapi.yaml']);
  check(r.code === 0, `modelspecs-conformance --spec exits ${r.code}: ${tail(r.out, 1)}`);
  r = await run(work, 'npx', ['--no-install', 'modelspecs-conformance', '--spec', 'my-api/missing.yaml']);
  check(
    r.code === 1 && r.out.includes('my-api/missing.yaml'),
    `a missing --spec file is named (exit ${r.code}): ${tail(r.out, 1)}`,
  );

  step('start and stop modelspecs-mock');
  const mockPort = String(await freePort());
  // The bin npx runs, started directly: npx does not pass SIGTERM on to the command it started.
  const mockBin = join(work, 'node_modules', '.bin', 'modelspecs-mock');
  const mock = spawn(mockBin, ['--vendor', first, '--port-base', mockPort], {
    cwd: work,
    env: userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let mockOut = '';
  mock.stdout.on('data', (d) => {
    mockOut += d;
  });
  mock.stderr.on('data', (d) => {
    mockOut += d;
  });
  const mockExit = new Promise((resolve) => mock.on('close', (code, signal) => resolve(code ?? signal)));
  const readyBy = Date.now() + 120_000;
  while (!mockOut.includes('Ctrl-C stops them') && Date.now() < readyBy && mock.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const url = /(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(mockOut)?.[1];
  check(url !== undefined, `modelspecs-mock is ready at ${url}`);
  if (url) {
    // The auth header the mock prints for its vendor: `Authorization: Bearer <key>`, `X-Api-Key: <key>`.
    const auth = /([A-Za-z0-9-]+): ((?:Bearer|Basic) )?<key>/.exec(mockOut);
    const headers = auth ? { [auth[1]]: `${auth[2] ?? ''}consumer-key` } : {};
    const answer = await fetch(`${url.replace(/\/$/, '')}/models`, { headers }).catch((e) => ({
      status: String(e),
    }));
    check(answer.status === 200, `the mock answers GET /models with ${answer.status}`);

    step('@modelspecs/conformance alone (no @modelspecs/mock, no Prism) checks a server by its URL');
    const alone = emptyProject('modelspecs-conformance-alone-');
    try {
      const needed = Object.entries(tarballs)
        .filter(([name]) => name === '@modelspecs/conformance' || name.startsWith('@modelspecs/spec-'))
        .map(([, file]) => file);
      npmInstall(alone, needed);
      r = await run(alone, 'npx', [
        '--no-install',
        'modelspecs-conformance',
        '--vendor',
        first,
        '--base-url',
        url,
        '--api-key',
        'consumer-key',
      ]);
      check(r.code === 0, `--base-url of the running mock exits ${r.code}: ${tail(r.out, 1)}`);
      r = await run(alone, 'npx', ['--no-install', 'modelspecs-conformance', '--vendor', first]);
      check(
        r.code === 1 && r.out.includes('@modelspecs/mock'),
        `without --base-url it names the package to install (exit ${r.code}): ${tail(r.out, 1)}`,
      );
    } finally {
      if (!values.keep) rmSync(alone, { recursive: true, force: true });
    }
  }
  mock.kill('SIGTERM');
  const code = await mockExit;
  check(code === 0, `modelspecs-mock stops on SIGTERM with exit ${code}`);

  step('npx modelspecs-models (the catalog starts the mocks itself)');
  r = await run(work, 'npx', ['--no-install', 'modelspecs-models', '--json']);
  let listed = [];
  try {
    listed = [...new Set(JSON.parse(r.out).rows.map((row) => row.vendor))];
  } catch {}
  check(
    r.code === 0 && vendors.every((slug) => listed.includes(slug)),
    `--json exits ${r.code} with rows of ${listed.join(', ') || 'no vendor'} (want ${vendors.join(', ')})${r.code === 0 ? '' : `\n${tail(r.out)}`}`,
  );
  r = await run(work, 'npx', ['--no-install', 'modelspecs-models', '--format', 'modelsdev']);
  // The schema the package ships, validated with the ajv the installed packages bring (no new dependency).
  const fromWork = createRequire(join(work, 'package.json'));
  const { Ajv2020 } = fromWork('ajv/dist/2020.js');
  const addFormats = fromWork('ajv-formats');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  (addFormats.default ?? addFormats)(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(fromWork.resolve('@modelspecs/catalog/models-dev.schema.json'), 'utf8')),
  );
  let valid = false;
  try {
    valid = validate(JSON.parse(r.out));
  } catch {}
  check(
    r.code === 0 && valid,
    `--format modelsdev exits ${r.code} and matches the shipped models-dev.schema.json${valid ? '' : `\n${ajv.errorsText(validate.errors)}\n${tail(r.out)}`}`,
  );

  step('@modelspecs/catalog alone (no @modelspecs/mock) says what to install');
  const catalogAlone = emptyProject('modelspecs-catalog-alone-');
  try {
    const catalogTarballs = (name) => {
      const deps = JSON.parse(
        execFileSync('tar', ['-xOzf', tarballs[name], 'package/package.json'], { encoding: 'utf8' }),
      ).dependencies;
      return [name, ...Object.keys(deps ?? {}).filter((dep) => dep in tarballs)];
    };
    const needed = new Set();
    const queue = ['@modelspecs/catalog'];
    while (queue.length > 0) {
      const name = queue.pop();
      if (needed.has(name)) continue;
      needed.add(name);
      queue.push(...catalogTarballs(name));
    }
    check(!needed.has('@modelspecs/mock'), `the catalog needs ${[...needed].join(', ')}`);
    npmInstall(
      catalogAlone,
      [...needed].map((name) => tarballs[name]),
    );
    r = await run(catalogAlone, 'npx', ['--no-install', 'modelspecs-models']);
    check(
      r.code !== 0 &&
        r.out.includes('npm install @modelspecs/mock') &&
        r.out.includes('--live') &&
        !/^\s+at /m.test(r.out),
      `without @modelspecs/mock it names the package and --live, no stack trace (exit ${r.code}): ${tail(r.out, 3)}`,
    );
  } finally {
    if (!values.keep) rmSync(catalogAlone, { recursive: true, force: true });
  }
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.error(error);
} finally {
  if (values.keep) console.log(`\nkept ${work} and ${tarballDir}`);
  else {
    rmSync(work, { recursive: true, force: true });
    rmSync(tarballDir, { recursive: true, force: true });
  }
}

if (failures.length > 0) {
  console.error(`\nconsumer test: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log('\nconsumer test passed');
