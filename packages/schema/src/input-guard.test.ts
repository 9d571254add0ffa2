import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardInput, INPUT_LIMITS } from './input-guard.ts';
import { guardInputReference } from './input-guard-reference.test-data.ts';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { parsePlan, parsePlanJson } from './validate.ts';

/** A JSON text nested `depth` levels of arrays deep around 1 (JSON.stringify itself would overflow). */
const deepArrayText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

function refused(doc: unknown) {
  const outcome = parsePlan(doc);
  if (outcome.ok) throw new Error('expected the plan to be refused');
  return outcome.issues;
}

describe('guardInput', () => {
  it('passes the worked example untouched', () => {
    expect(guardInput(juneShopDocument())).toEqual([]);
  });

  it('refuses a version nested 20,000 levels deep at the field, in zh and en, without overflowing the stack', () => {
    const text = JSON.stringify(juneShopDocument()).replace(/"version":\s*\d+/, `"version":${deepArrayText(20_000)}`);
    const outcome = parsePlanJson(text);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toHaveLength(1);
    expect(outcome.issues[0]?.code).toBe('too_deep');
    expect(outcome.issues[0]?.path.startsWith('version[0]')).toBe(true);
    expect(outcome.issues[0]?.message.zh).toContain('嵌套层数过多');
    expect(outcome.issues[0]?.message.en).toContain('nested too deep');
  });

  it('refuses 130,000 uncertainty entries at `uncertainty` instead of checking each against the plan', () => {
    const doc = juneShopDocument() as Record<string, unknown>;
    doc.version = 2;
    doc.uncertainty = Object.fromEntries(Array.from({ length: 130_000 }, (_, i) => [`channels.x${i}.cvr`, { low: 0, high: 1 }]));
    const issues = refused(doc);
    expect(issues.map((i) => [i.path, i.code])).toEqual([['uncertainty', 'too_many_entries']]);
    expect(issues[0]?.message.en).toBe('too many entries (130,000); the limit is 5,000');
  });

  it('refuses a huge array, a huge string, a number past a double (1e309) and a __proto__ key, each at its path', () => {
    const doc = juneShopDocument() as Record<string, unknown> & { channels: Array<Record<string, unknown>> };
    doc.products = Array.from({ length: INPUT_LIMITS.maxEntries + 1 }, () => 0);
    doc.shop = 'x'.repeat(INPUT_LIMITS.maxStringLength + 1);
    doc.channels[1]!.aov = JSON.parse('1e309') as number;
    const withProto = JSON.parse(`{"__proto__": {"polluted": true}, "low": 1}`) as unknown;
    doc.uncertainty = { 'channels.search.cvr': withProto };
    const issues = refused(doc);
    expect(issues.map((i) => [i.path, i.code]).sort()).toEqual([
      ['channels[1].aov', 'not_finite'],
      ['products', 'too_many_entries'],
      ['shop', 'too_long'],
      ['uncertainty.channels.search.cvr.__proto__', 'reserved_key'],
    ]);
    for (const issue of issues) expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('stops at 20 issues however many values break a limit', () => {
    const doc = juneShopDocument() as Record<string, unknown>;
    doc.products = Array.from({ length: 1_000 }, () => Infinity);
    expect(guardInput(doc)).toHaveLength(20);
  });

  it('refuses a document with more values than the limit', () => {
    const issues = guardInput(Array.from({ length: 50 }, () => [1, 2, 3]), { ...INPUT_LIMITS, maxValues: 100 });
    expect(issues.map((i) => i.code)).toEqual(['too_many_values']);
  });

  it('Given a sparse array (a hole left by delete, which JSON cannot make but a caller can), Then parsePlan reports it instead of throwing', () => {
    const doc = juneShopDocument() as Record<string, unknown>;
    const products = [{ id: 'a', name: { zh: '甲', en: 'A' }, share: 0.5, price: 10 }, { id: 'b', name: { zh: '乙', en: 'B' }, share: 0.5, price: 20 }];
    delete products[1];
    doc.products = products;
    const outcome = parsePlan(doc);
    expect(outcome.ok ? [] : outcome.issues.map((i) => i.path)).toEqual(['products[1]']);
  });
});

describe('guardInput against the walk it replaced', () => {
  // hostile leaves: non-finite numbers, long strings, reserved keys, holes; small limits so every check fires
  const leaf = fc.oneof(
    fc.double(),
    fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0, -0),
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'products', 'channels'));
  const { doc } = fc.letrec((tie) => ({
    doc: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.oneof(fc.array(tie('doc'), { maxLength: 6 }), fc.sparseArray(tie('doc'), { maxLength: 6 })),
    object: fc.array(fc.tuple(key, tie('doc')), { maxLength: 6 }).map((pairs) => {
      // defineProperty: a "__proto__" key is an own property, as JSON.parse makes it
      const o: Record<string, unknown> = {};
      for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
      return o;
    }),
  }));
  const limits = fc.record({
    maxDepth: fc.integer({ min: 1, max: 6 }),
    maxEntries: fc.integer({ min: 1, max: 6 }),
    maxFieldEntries: fc.constant({ channels: 2, products: 3 }),
    maxStringLength: fc.integer({ min: 0, max: 10 }),
    maxValues: fc.integer({ min: 1, max: 80 }),
  });

  it('Given any document and limits, Then the issues are the same, in the same order, as the old walk gave', () => {
    fc.assert(
      fc.property(doc, limits, (d, l) => {
        expect(guardInput(d, l)).toEqual(guardInputReference(d, l));
        expect(guardInput(d)).toEqual(guardInputReference(d));
      }),
      { numRuns: 2_000, seed: 20261130 },
    );
  });
});
