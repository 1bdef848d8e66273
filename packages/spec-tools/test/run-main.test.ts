import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError, UsageError } from '../src/errors.js';
import { exitCodeFor, runMainInProcess } from '../src/run-main.js';

describe('exitCodeFor', () => {
  it('maps usage errors to exit code 2 and anything else to 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(Object.assign(new TypeError('x'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }))).toBe(2);
    expect(exitCodeFor(new SpecError('x'))).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
  });
});

describe('runMainInProcess', () => {
  const name = 'tool';
  // Set only by the test, and only while main runs.
  const VARIABLE = 'MODELSPECS_RUN_MAIN_TEST_VALUE';

  it('collects what main prints, in order, and its exit code', async () => {
    const run = await runMainInProcess(
      name,
      async (argv, output) => {
        output.stdout(`args ${argv.join(' ')}\n`);
        output.stderr('warned\n');
        output.stdout('done\n');
        return 3;
      },
      ['a', 'b'],
    );
    expect(run).toEqual({ code: 3, stdout: 'args a b\ndone\n', stderr: 'warned\n' });
  });

  it('maps a failure as the bin does: 2 and the usage hint for a usage error, 1 and the stack for a bug', async () => {
    const usage = await runMainInProcess(
      name,
      async () => {
        throw new UsageError('no such flag');
      },
      [],
      { usageHint: 'Usage: tool' },
    );
    expect(usage).toEqual({ code: 2, stdout: '', stderr: 'tool: no such flag\nUsage: tool\n' });
    const failed = await runMainInProcess(name, async () => {
      throw new SpecError('spec.yaml: broken');
    }, []);
    expect(failed).toEqual({ code: 1, stdout: '', stderr: 'tool: spec.yaml: broken\n' });
    const bug = await runMainInProcess(
      name,
      async () => {
        throw new TypeError('x is not a function');
      },
      [],
      { usageHint: 'Usage: tool' },
    );
    expect(bug.code).toBe(1);
    expect(bug.stderr).toMatch(/^tool: TypeError: x is not a function\n\s+at /);
    expect(bug.stderr).not.toContain('Usage: tool');
  });

  it('runs main in cwd with env set over the environment, and puts both back, also after a failure', async () => {
    const before = { cwd: process.cwd(), home: process.env.HOME, path: process.env.PATH };
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'modelspecs-run-main-')));
    try {
      const seen = await runMainInProcess(
        name,
        async (_, output) => {
          output.stdout(`${process.cwd()}|${process.env[VARIABLE]}|${process.env.HOME}`);
          throw new Error('failed after looking');
        },
        [],
        { cwd: dir, env: { [VARIABLE]: 'set', HOME: undefined } },
      );
      expect(seen).toEqual({
        code: 1,
        stdout: `${dir}|set|undefined`,
        stderr: 'tool: failed after looking\n',
      });
      expect(process.cwd()).toBe(before.cwd);
      expect(process.env[VARIABLE]).toBeUndefined();
      expect(VARIABLE in process.env).toBe(false);
      expect(process.env.HOME).toBe(before.home);
      expect(process.env.PATH).toBe(before.path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
