import { describe, expect, it } from 'vitest';
import { computePlan } from '@shopplan/engine';
import { FIELDS, isPaid, parsePlan, type Plan } from '@shopplan/schema';
import {
  addChannel, blankPlan, changeCostModel, changeObjective, channelIdFor, moveChannel, rebalanceShares, removeChannel,
  renameChannel, setChannelNumber, setChannelShare, setRange,
} from './structure-edit.ts';
import { applyRedo, applyUndo, newSession, replaceScenarioPlan } from './session-store.ts';
import { setProductShare } from './structure-edit.ts';

const shareOf = (plan: Plan, id: string) => {
  const c = plan.channels.find((ch) => ch.id === id)?.cost;
  return c && isPaid(c) ? c.share : undefined;
};
const set = (plan: Plan | undefined, id: string, field: keyof typeof FIELDS, value: number): Plan => {
  const next = plan && setChannelNumber(plan, id, FIELDS[field], value);
  if (!next) throw new Error(`could not set ${id}.${field}`);
  return next;
};

/** DOMAIN.md's June plan, built step by step the way the page's builder does. */
function buildJune(): Plan {
  let p = blankPlan('en', { start: '2026-06-01', end: '2026-06-30' });
  p = changeObjective(p, 'target', 3_000_000);
  p = set(p, 'organic', 'channel.forecastVisitors', 400_000);
  p = set(set(p, 'organic', 'channel.cvr', 0.02), 'organic', 'channel.aov', 150);
  p = addChannel(p, 'search', { zh: '搜索', en: 'Search' }, 'cpc');
  p = set(set(set(p, 'search', 'channel.cpc', 1.2), 'search', 'channel.cvr', 0.025), 'search', 'channel.aov', 160);
  p = addChannel(p, 'display', { zh: '展示', en: 'Display' }, 'cpm');
  p = set(set(set(set(p, 'display', 'channel.cpm', 36), 'display', 'channel.ctr', 0.015), 'display', 'channel.cvr', 0.012), 'display', 'channel.aov', 140);
  p = setChannelShare(p, 'display', 0.3);
  p = addChannel(p, 'affiliate', { zh: '淘宝客', en: 'Affiliate' }, 'cps');
  p = set(set(set(p, 'affiliate', 'channel.commission', 0.2), 'affiliate', 'channel.cvr', 0.03), 'affiliate', 'channel.aov', 130);
  p = setChannelShare(p, 'affiliate', 0.2, new Set(['display']));
  return p;
}

describe('structure edits (the plan builder)', () => {
  it('Given a blank plan, When the June plan is built step by step, Then it is valid and spends ¥809,013.40', () => {
    const june = buildJune();
    expect(shareOf(june, 'search')).toBeCloseTo(0.5, 12);
    expect(shareOf(june, 'display')).toBeCloseTo(0.3, 12);
    const computed = computePlan(june);
    expect(computed.ok && computed.result.issues).toEqual([]);
    expect(computed.ok && computed.result.total.spend).toBeCloseTo(809_013.4, 2);
  });

  it('Given shares, When one is typed, Then unlocked others move in proportion, locked ones stay, the sum stays 100%', () => {
    const shares = [{ id: 'a', share: 0.5 }, { id: 'b', share: 0.3 }, { id: 'c', share: 0.2 }];
    const out = rebalanceShares(shares, 'a', 0.6, new Set(['c']));
    expect([out.get('a'), out.get('b'), out.get('c')]).toEqual([0.6, expect.closeTo(0.2, 12), 0.2]);
    const proportional = rebalanceShares(shares, 'c', 0.6);
    expect(proportional.get('a')).toBeCloseTo(0.25, 12);
    expect(proportional.get('b')).toBeCloseTo(0.15, 12);
  });

  it('Given every other share locked, When a share is typed, Then it takes what is left (never a dead end)', () => {
    const shares = [{ id: 'a', share: 0.5 }, { id: 'b', share: 0.5 }];
    expect(rebalanceShares(shares, 'a', 0.9, new Set(['b'])).get('a')).toBe(0.5);
    // more than the locked ones leave is clamped, not refused
    const three = rebalanceShares([...shares, { id: 'c', share: 0 }], 'a', 0.9, new Set(['b']));
    expect([three.get('a'), three.get('c')]).toEqual([0.5, 0]);
  });

  it('Given a paid channel, When it is removed or made free, Then the other paid shares fill the gap and the plan stays valid', () => {
    const june = buildJune();
    const without = removeChannel(june, 'search');
    expect(shareOf(without, 'display')! + shareOf(without, 'affiliate')!).toBeCloseTo(1, 12);
    expect(parsePlan(without).ok).toBe(true);
    const free = changeCostModel(june, 'display', 'free');
    expect(free.channels.find((c) => c.id === 'display')?.cost).toEqual({ model: 'free', forecastVisitors: 0 });
    expect(parsePlan(free).ok).toBe(true);
  });

  it('Given a CPS channel, When it becomes live, Then its commission is kept and the fee starts at the registry default', () => {
    const live = changeCostModel(buildJune(), 'affiliate', 'live');
    expect(live.channels.find((c) => c.id === 'affiliate')?.cost).toEqual({ model: 'live', share: expect.closeTo(0.2, 12), fixedFee: 0, commission: 0.2 });
  });

  it('Given channels, When renamed and moved, Then ids stay and order changes; the ends do not move', () => {
    const june = renameChannel(buildJune(), 'search', { zh: '直通车', en: 'Paid search' });
    expect(june.channels[1]?.name.zh).toBe('直通车');
    expect(moveChannel(june, 'search', -1).channels.map((c) => c.id)).toEqual(['search', 'organic', 'display', 'affiliate']);
    expect(moveChannel(june, 'organic', -1)).toBe(june);
  });

  it('Given a field the cost model lacks, When set, Then nothing is written; optional fields are added at their place', () => {
    const june = buildJune();
    expect(setChannelNumber(june, 'search', FIELDS['channel.cpm'], 30)).toBeUndefined();
    expect(set(june, 'search', 'channel.margin', 0.3).channels[1]?.margin).toBe(0.3);
  });

  it('Given ranges, When the last one is removed, Then the plan has no uncertainty key at all', () => {
    const withRange = setRange(buildJune(), 'channels.search.cvr', { low: 0.02, high: 0.03 });
    expect(parsePlan(withRange).ok).toBe(true);
    expect('uncertainty' in setRange(withRange, 'channels.search.cvr', undefined)).toBe(false);
  });

  it('Given typed names, When made into ids, Then they are valid, unique and never a cell address', () => {
    const june = buildJune();
    expect(channelIdFor(june, 'Live stream')).toBe('live_stream');
    expect(channelIdFor(june, 'Search')).toBe('search_2');
    expect(channelIdFor(june, '私域')).toBe('channel_2');
    expect(channelIdFor(june, 'A1')).toBe('channel_2');
  });

  it('Given a session, When the structure changes, Then it is one undo step that undo and redo take back and forth', () => {
    const start = newSession(buildJune(), 'en');
    const id = start.activeScenarioId;
    const changed = replaceScenarioPlan(start, id, addChannel(start.scenarios[0]!.plan, 'live', { zh: '直播', en: 'Live' }, 'live'));
    expect(changed.undo).toHaveLength(1);
    expect(applyUndo(changed).scenarios[0]!.plan.channels).toHaveLength(4);
    expect(applyRedo(applyUndo(changed)).scenarios[0]!.plan.channels).toHaveLength(5);
  });

  it('Given products, When one share is typed with another locked, Then the rest move and the sum stays 100%', () => {
    const product = (id: string, share: number) => ({ id, name: { zh: id, en: id }, share, price: 100 });
    const a = product('a', 0.4);
    const b = product('b', 0.3);
    const plan: Plan = { ...buildJune(), products: [a, b, product('c', 0.2), product('d', 0.1)] };
    const next = setProductShare(plan, a.id, 0.5, new Set([b.id]));
    expect(next.products?.find((p) => p.id === a.id)?.share).toBe(0.5);
    expect(next.products?.find((p) => p.id === b.id)?.share).toBe(0.3);
    expect(next.products?.find((p) => p.id === 'c')?.share).toBeCloseTo(0.2 * 0.2 / 0.3, 12);
    expect(next.products?.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 9);
    expect(parsePlan(next).ok).toBe(true);
  });
});
