// vitest.config.ts drops vite's `development` resolve condition, which vitest would otherwise hand to Node in its
// workers: tests must load a dependency's published JavaScript, as a user's Node does, not the TypeScript sources
// some packages map to `development` (attw's library, which testkit's package checks use, does).
import { describe, expect, it } from 'vitest';

describe('resolution in the test workers', () => {
  it("resolves attw's library to its published JavaScript, not its development sources", () => {
    expect(import.meta.resolve('@arethetypeswrong/core')).toMatch(
      /\/@arethetypeswrong\/core\/dist\/index\.js$/,
    );
  });
});
