import { describe, expect, it } from 'vitest';
import { EditJournal, type JournalStorage } from './journal.ts';

/** Web Storage semantics (string values, synchronous) in a Map; the page uses localStorage. */
class MapStorage implements JournalStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const enter = (value: number) => ({ kind: 'enter' as const, scenarioId: 's-1', entries: [{ path: 'channels.search.cvr', value, text: `${value}` }] });

describe('the edit journal', () => {
  it('Given edits appended, When a save settles the first two, Then the third is what a reload replays', () => {
    const storage = new MapStorage();
    const journal = new EditJournal('current', storage);
    expect(journal.append(enter(0.03))).toBe(1);
    expect(journal.append(enter(0.031))).toBe(2);
    expect(journal.append(enter(0.032))).toBe(3);
    journal.settle([1, 2]);
    const reopened = new EditJournal('current', storage);
    expect(reopened.records().map((r) => r.seq)).toEqual([3]);
    expect(reopened.records()[0]?.op).toEqual(enter(0.032));
    // numbering goes on after the kept action, and a full settle empties the storage key
    expect(reopened.append(enter(0.04))).toBe(4);
    reopened.settle([3, 4]);
    expect(storage.items.size).toBe(0);
  });

  it('Given a later action settled before an earlier one, Then the earlier one stays', () => {
    const journal = new EditJournal('current', new MapStorage());
    journal.append(enter(0.03));
    journal.append({ kind: 'invalid', scenarioId: 's-1', path: 'channels.search.aov', text: 'abc', message: { zh: '不是数字', en: 'not a number' } });
    journal.settle([2]);
    expect(journal.records().map((r) => r.seq)).toEqual([1]);
    journal.clear();
    expect(journal.records()).toEqual([]);
  });

  it('Given every action settled, When another is appended, Then its number is new (a save in flight settles the old ones only)', () => {
    const journal = new EditJournal('current', new MapStorage());
    const first = journal.append(enter(0.03));
    journal.settle([first]);
    const second = journal.append(enter(0.031));
    expect(second).toBeGreaterThan(first);
    journal.settle([first]);
    expect(journal.records().map((r) => r.seq)).toEqual([second]);
  });

  it('keeps workspaces apart', () => {
    const storage = new MapStorage();
    new EditJournal('a', storage).append(enter(0.03));
    expect(new EditJournal('b', storage).records()).toEqual([]);
  });

  it('Given a damaged or foreign journal, Then it reads as empty and appending starts it again', () => {
    const storage = new MapStorage();
    storage.setItem('shopplan:journal:current', '{not json');
    const journal = new EditJournal('current', storage);
    expect(journal.records()).toEqual([]);
    storage.setItem('shopplan:journal:current', JSON.stringify([{ seq: 'x' }, { seq: 5, op: { kind: 'rm -rf', scenarioId: 's' } }, { seq: 7, op: enter(1) }]));
    expect(journal.records().map((r) => r.seq)).toEqual([7]);
    expect(journal.append(enter(2))).toBe(8);
  });

  it('Given storage that refuses every write, Then appending neither throws nor keeps anything', () => {
    const refusing: JournalStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    const journal = new EditJournal('current', refusing);
    expect(() => journal.append(enter(0.03))).not.toThrow();
    expect(journal.records()).toEqual([]);
    expect(new EditJournal('current', undefined).append(enter(0.03))).toBe(1);
  });
});
