import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { pointerSegments } from './pointer.js';

/**
 * Maps JSON pointers to `file:line:col` in a YAML (or JSON) source file, for error messages.
 * Pointers that do not exist in the file fall back to the file name alone. The text is parsed on the first look-up,
 * not when the locator is made: most locators are made in case of an error that does not come.
 */
export class SourceLocator {
  private readonly lines = new LineCounter();
  private parsed: ReturnType<typeof parseDocument> | undefined;

  constructor(
    readonly file: string,
    private readonly displayRoot: string = process.cwd(),
    private readonly text?: string,
  ) {}

  private get doc(): ReturnType<typeof parseDocument> {
    this.parsed ??= parseDocument(this.text ?? readFileSync(this.file, 'utf8'), {
      lineCounter: this.lines,
      keepSourceTokens: false,
    });
    return this.parsed;
  }

  private nodeAt(segments: readonly string[]): Node | undefined {
    let node: unknown = this.doc.contents;
    for (const segment of segments) {
      if (isMap(node)) node = node.get(segment, true);
      else if (isSeq(node)) node = node.get(Number(segment), true);
      else return undefined;
      if (node === undefined) return undefined;
    }
    return node as Node;
  }

  /** `specs/x/openapi.yaml:12:7` for the deepest existing node on the pointer's path. */
  locate(pointer: string): string {
    const name = relative(this.displayRoot, this.file) || this.file;
    const segments = pointerSegments(pointer);
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = this.nodeAt(segments.slice(0, depth));
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const { line, col } = this.lines.linePos(offset);
        return `${name}:${line}:${col}`;
      }
    }
    return name;
  }
}
