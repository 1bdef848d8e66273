import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../src/write.js';
import { tempFolder } from './helpers.js';

describe('writeFilesAtomically', () => {
  it('writes every file', () => {
    const dir = tempFolder('modelspecs-spec-tools-write-');
    writeFilesAtomically([
      { path: join(dir, 'a', 'one.txt'), content: '1' },
      { path: join(dir, 'two.txt'), content: '2' },
    ]);
    expect(readFileSync(join(dir, 'a', 'one.txt'), 'utf8')).toBe('1');
    expect(readFileSync(join(dir, 'two.txt'), 'utf8')).toBe('2');
  });

  it('writes nothing and leaves the old files when one file cannot be written', () => {
    const dir = tempFolder('modelspecs-spec-tools-write-');
    writeFileSync(join(dir, 'one.txt'), 'old');
    // A path under a regular file cannot be created.
    writeFileSync(join(dir, 'blocker'), '');
    expect(() =>
      writeFilesAtomically([
        { path: join(dir, 'one.txt'), content: 'new' },
        { path: join(dir, 'blocker', 'two.txt'), content: '2' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'EEXIST', path: join(dir, 'blocker') }));
    expect(readFileSync(join(dir, 'one.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocker', 'one.txt']);
    expect(existsSync(join(dir, 'blocker', 'two.txt'))).toBe(false);
  });
});
