import { closeSync, fstatSync, openSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { SpecError } from './errors.js';

/** The largest file a spec may consist of unless the caller raises it (`maxFileBytes`, `--max-file-bytes`). */
export const DEFAULT_MAX_FILE_BYTES: number = 5 * 1024 * 1024;

const isInside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/**
 * Reads a file of a spec: only a regular file inside `folder` (judged as written, so that nothing outside is even
 * looked at, and again after `..` and links are resolved), and none over `maxBytes`, checked before reading.
 */
export function readConfinedFile(
  path: string,
  limits: { folder: string; realFolder?: string; maxBytes?: number; show?: (path: string) => string },
): string {
  const show = limits.show ?? ((p: string) => p);
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const where = `${show(limits.folder)}/`;
  if (!isInside(limits.folder, path)) {
    throw new SpecError(
      `${show(path)} is outside ${where}: a $ref may only name a file in the spec's own folder or below`,
    );
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    throw new SpecError(`cannot read ${show(path)} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (!isInside(limits.realFolder ?? realpathSync(limits.folder), real)) {
    throw new SpecError(
      `${show(path)} is a link to ${real}, outside ${where}: a $ref may only name a file in the spec's own folder or below`,
    );
  }
  const tooLarge = (size: number) =>
    new SpecError(
      `${show(path)} is ${size} bytes, over the limit of ${maxBytes} bytes per spec file: split it ` +
        'into files joined by $ref, or raise the limit (option maxFileBytes, flag --max-file-bytes)',
    );
  // Judged before opening: opening a named pipe would wait for a writer forever.
  const judge = (stats: Stats) => {
    if (!stats.isFile()) throw new SpecError(`${show(path)} is not a regular file`);
    if (stats.size > maxBytes) throw tooLarge(stats.size);
  };
  judge(statSync(real));
  const fd = openSync(real, 'r');
  try {
    judge(fstatSync(fd));
    const text = readFileSync(fd, 'utf8');
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge(Buffer.byteLength(text));
    return text;
  } finally {
    closeSync(fd);
  }
}
