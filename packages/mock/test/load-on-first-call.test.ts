// server/load-on-first-call.mjs, which the Prism process uses to leave Prism's converters of documents a mock never
// serves (Postman collections, Swagger 2) unloaded until they are called.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadOnFirstCall } from '../server/load-on-first-call.mjs';

const fixture = './fixtures/load-on-first-call/counted.cjs';
const requireHere = createRequire(import.meta.url);
const loads = () => (globalThis as { __countedLoads?: number }).__countedLoads ?? 0;

describe('loadOnFirstCall', () => {
  it('loads the module on the first call of one of its functions, once, and returns what the real one returns', () => {
    const file = requireHere.resolve(fixture);
    delete requireHere.cache[file];
    const before = loads();
    loadOnFirstCall(requireHere, fixture, ['double', 'loads']);
    const stand = requireHere(fixture) as { double(n: number): number; loads(): number };
    expect(loads(), 'loaded before any call').toBe(before);
    expect(stand.double(21)).toBe(42);
    expect(loads(), 'loaded by the first call').toBe(before + 1);
    expect(stand.loads()).toBe(before + 1);
    expect(stand.double(2)).toBe(4);
    expect(loads(), 'loaded once').toBe(before + 1);
    // Whatever requires it from now on gets the real module.
    expect(Object.keys(requireHere(fixture) as object).sort()).toEqual(['double', 'loads']);
    expect(requireHere.cache[file]?.exports).not.toBe(stand);
    delete requireHere.cache[file];
  });

  it('leaves a module that is loaded already, and one that cannot be resolved, alone', () => {
    const file = requireHere.resolve(fixture);
    const real = requireHere(fixture);
    loadOnFirstCall(requireHere, fixture, ['double']);
    expect(requireHere(fixture)).toBe(real);
    expect(() =>
      loadOnFirstCall(requireHere, './fixtures/load-on-first-call/no-such-module.cjs', ['x']),
    ).not.toThrow();
    delete requireHere.cache[file];
  });
});
