import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  bundleSpec,
  SpecError,
  serializeBundle,
  type Vendor,
  writeFilesAtomically,
} from '@modelspecs/spec-tools';
import { filesAt } from './git.js';
import type { JsonDocument } from './optic.js';

/** The released bundle of a spec, committed by the release step: what the last published version described. */
export const baselineFile = (vendor: Vendor): string => join(vendor.dir, 'released', 'openapi.json');

/** The spec as it is now, bundled to one document (what the release step would publish). */
export async function currentSpec(vendor: Vendor, root: string): Promise<JsonDocument> {
  return (await bundleSpec(vendor.specFile, root)) as unknown as JsonDocument;
}

/**
 * The spec to compare against: the spec folder at `commit` when one is given (undefined if it did not exist
 * there), else the committed released bundle (undefined for a spec never released).
 */
export async function baselineSpec(
  vendor: Vendor,
  root: string,
  commit?: string,
): Promise<JsonDocument | undefined> {
  if (commit === undefined) {
    const file = baselineFile(vendor);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as JsonDocument;
    } catch (error) {
      throw new SpecError(
        `${relative(root, file)}: the released baseline is not valid JSON (${(error as Error).message}); restore it with git checkout`,
      );
    }
  }
  const folder = relative(root, vendor.dir);
  const files = filesAt(root, commit, folder);
  if (!files.has(`${folder}/openapi.yaml`)) return undefined;
  // The spec may span several files: bundle the whole folder as it was, in a scratch copy.
  const scratch = mkdtempSync(join(tmpdir(), 'modelspecs-api-diff-'));
  try {
    for (const [name, content] of files) {
      const target = join(scratch, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    return (await bundleSpec(join(scratch, folder, 'openapi.yaml'), scratch)) as unknown as JsonDocument;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The release step's refresh: the current bundle becomes the baseline. */
export function writeBaseline(vendor: Vendor, doc: JsonDocument): string {
  const file = baselineFile(vendor);
  writeFilesAtomically([{ path: file, content: serializeBundle(doc as never).json }]);
  return file;
}
