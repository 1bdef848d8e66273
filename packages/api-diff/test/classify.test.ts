import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifySpec } from '../src/classify.js';
import { CASES } from './fixtures/cases.js';

const base = parse(readFileSync(new URL('./fixtures/base.yaml', import.meta.url), 'utf8'));

describe('classifySpec on one-change pairs', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const changed = structuredClone(base);
    fixture.change(changed);
    const [from, to] = fixture.reverse ? [changed, structuredClone(base)] : [structuredClone(base), changed];
    const result = await classifySpec(from, to, 'fixture');
    const breaking = result.changes
      .filter((c) => c.kind === 'breaking')
      .map((c) => `${c.source} ${c.operation ?? '-'}`);
    expect(result.level).toBe(fixture.level);
    // Exactly the expected breaks: a missing one is a false negative, an extra one a false positive.
    expect([...new Set(breaking)].sort()).toEqual([...(fixture.breaking ?? [])].sort());
    if (fixture.level !== 'none') expect(result.changes.length).toBeGreaterThan(0);
  });

  it('compares a brand-new spec against nothing: every operation is added, nothing breaks', async () => {
    const result = await classifySpec(undefined, structuredClone(base), 'fixture');
    expect(result.isNew).toBe(true);
    expect(result.level).toBe('added');
    expect(result.changes.filter((c) => c.kind === 'breaking')).toEqual([]);
  });

  it('refuses a reference outside the document instead of reading it', async () => {
    const hostile = structuredClone(base);
    hostile.components.schemas.Model.properties.id = { $ref: 'https://attacker.test/schema.json' };
    await expect(classifySpec(structuredClone(base), hostile, 'fixture')).rejects.toThrow(
      /points outside the document/,
    );
  });
});
