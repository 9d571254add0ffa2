import { describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '@shopplan/schema';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { PlanModel, computePlan } from './plan-model.ts';
import { CHANNEL_COLUMNS, SHEET, channelCol } from './channel-model.ts';

/*
 * Plans the schema accepts at its edges (issue 10, point 2): each is
 * computed exactly or refused at the field, never #DIV/0! or a wrong channel.
 */

/** The June plan (DOMAIN.md's worked example) with an edit, validated. */
function june(edit: (doc: any) => void): Plan {
  const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as any;
  edit(doc);
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

function computed(plan: Plan) {
  const out = computePlan(plan);
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  return out.result;
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const byId = (r: ReturnType<typeof computed>, id: string) => r.channels.find((c) => c.id === id)!;

/** Every number of the Channels sheet (HyperFormula's own values): no error values anywhere. */
function channelsSheetErrors(plan: Plan): string[] {
  const model = PlanModel.build(plan);
  try {
    const errors: string[] = [];
    for (let row = 1; row <= plan.channels.length + 1; row++) {
      for (const c of CHANNEL_COLUMNS) {
        const v = model.value(SHEET.channels, channelCol(c.key), row);
        if (typeof v === 'string' && v.startsWith('#')) errors.push(`${row}:${c.key}=${v}`);
      }
    }
    return errors;
  } finally {
    model.dispose();
  }
}

describe('a GMV split with a paid channel at 0% share and CVR 0', () => {
  const zeroDisplay = (doc: any) => {
    doc.paidSplit = 'gmv';
    doc.channels[2].cost.share = 0;
    doc.channels[2].cvr = 0;
    doc.channels[1].cost.share = 0.8;
  };

  it('Given a target, Then it computes: that channel gets nothing, the others bring the target exactly, no cell is an error', () => {
    const plan = june(zeroDisplay);
    const r = computed(plan);
    expect(byId(r, 'display')).toMatchObject({ visitors: 0, gmv: 0, spend: 0 });
    expect(relErr(r.total.gmv, 3_000_000)).toBeLessThan(1e-12);
    expect(channelsSheetErrors(plan)).toEqual([]);
  });

  it('Given a budget instead (the sibling that named the wrong channel), Then it computes and spends the budget exactly', () => {
    const plan = june((doc) => {
      zeroDisplay(doc);
      doc.objective = { kind: 'budget', spend: 500_000 };
    });
    const r = computed(plan);
    expect(byId(r, 'display')).toMatchObject({ visitors: 0, gmv: 0, spend: 0 });
    expect(relErr(r.total.spend, 500_000)).toBeLessThan(1e-12);
    expect(channelsSheetErrors(plan)).toEqual([]);
  });

  it('Given a visitor split with the same channel (share 0, CVR 0), Then it computes too', () => {
    for (const objective of [{ kind: 'target', gmv: 3_000_000 }, { kind: 'budget', spend: 500_000 }]) {
      const plan = june((doc) => {
        zeroDisplay(doc);
        doc.paidSplit = 'visitors';
        doc.objective = objective;
      });
      const r = computed(plan);
      expect(byId(r, 'display').visitors).toBe(0);
      expect(channelsSheetErrors(plan)).toEqual([]);
    }
  });

  it('Given CVR 0 with a share above 0, Then the schema refuses it at that channel\'s CVR (the engine never sees it)', () => {
    const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as any;
    doc.paidSplit = 'gmv';
    doc.channels[2].cvr = 0;
    const parsed = parsePlan(doc);
    expect(!parsed.ok && parsed.issues.map((i) => i.path)).toEqual(['channels[2].cvr']);
  });
});

describe('paid shares that sum to 1 ± the schema\'s tolerance (1e-6)', () => {
  for (const split of ['gmv', 'visitors'] as const) {
    for (const delta of [4e-7, -9e-7]) {
      it(`Given a ${split} split whose shares sum to ${1 + delta}, Then a target is met exactly and a budget is spent exactly`, () => {
        const target = computed(june((doc) => {
          doc.paidSplit = split;
          doc.channels[1].cost.share += delta;
        }));
        expect(relErr(target.total.gmv, 3_000_000)).toBeLessThan(1e-13);
        const budget = computed(june((doc) => {
          doc.paidSplit = split;
          doc.channels[1].cost.share += delta;
          doc.objective = { kind: 'budget', spend: 809_013.4 };
        }));
        expect(relErr(budget.total.spend, 809_013.4)).toBeLessThan(1e-13);
        // the June plan's split: forward with the spend back-calculation found returns the target
        if (split === 'visitors') expect(relErr(budget.total.gmv, 3_000_000)).toBeLessThan(1e-6);
      });
    }
  }
});

describe('a per-channel-lever plan on a steep Hill curve', () => {
  const levers = (spend: number, alpha: number) => june((doc) => {
    doc.version = 2;
    doc.objective = { kind: 'channels', spend: { search: spend, display: 100_000 }, visitors: { affiliate: 50_000 } };
    doc.channels[1].response = { curve: 'hill', beta: 600_000, alpha, kappa: 300_000 };
    doc.channels[2].response = { curve: 'hill', beta: 400_000, alpha, kappa: 350_000 };
  });

  for (const [spend, alpha] of [[1e100, 4], [1e300, 20], [1e12, 4], [3e5, 20]] as const) {
    it(`Given α = ${alpha} and a spend of ${spend}, Then visitors approach β and every figure is a number (no target, so nothing to refuse)`, () => {
      const plan = levers(spend, alpha);
      const r = computed(plan);
      const search = byId(r, 'search');
      expect(search.visitors).toBeLessThanOrEqual(600_000);
      expect(search.visitors).toBeGreaterThan(spend >= 1e12 ? 600_000 * (1 - 1e-9) : 0);
      expect(search.spend).toBe(spend);
      expect(channelsSheetErrors(plan)).toEqual([]);
    });
  }

  it('Given a tiny spend on a steep curve (α = 20, 1e-200), Then visitors are 0 to 1e-290 (not #NUM!), and the marginal ROI is a number', () => {
    const plan = levers(1e-200, 20);
    const r = computed(plan);
    expect(byId(r, 'search').visitors).toBeLessThan(1e-290);
    expect(byId(r, 'search').visitors).toBeGreaterThanOrEqual(0);
    expect(computed(levers(0, 20)).channels.find((c) => c.id === 'search')!.visitors).toBe(0);
    expect(channelsSheetErrors(plan)).toEqual([]);
  });

  it('Given a target that needs the curve\'s ceiling, Then it is still refused at β (back-calculation)', () => {
    const plan = june((doc) => {
      doc.version = 2;
      doc.objective.gmv = 9e9;
      doc.channels[1].response = { curve: 'hill', beta: 600_000, alpha: 4, kappa: 300_000 };
    });
    const out = computePlan(plan);
    expect(!out.ok && out.issues[0]).toMatchObject({ path: 'channels.search.beta', code: 'saturated' });
  });
});

describe('numbers past 1e308 are named at the input, not at a derived cell (issue 10, point 8)', () => {
  const cases: Array<[string, (doc: any) => void, string]> = [
    ['a target of 1e308', (doc) => (doc.objective.gmv = 1e308), 'objective.gmv'],
    ['a CPC of 1e306', (doc) => (doc.channels[1].cost.cpc = 1e306), 'channels.search.cpc'],
    ['a CPM of 1e307', (doc) => (doc.channels[2].cost.cpm = 1e307), 'channels.display.cpm'],
    ['a budget of 1e308', (doc) => (doc.objective = { kind: 'budget', spend: 1e308 }), 'objective.spend'],
    ['a per-channel spend of 1e308 at a CPC of 1e-5', (doc) => {
      doc.objective = { kind: 'channels', spend: { search: 1e308, display: 1_000 }, visitors: { affiliate: 1_000 } };
      doc.channels[1].cost.cpc = 1e-5;
    }, 'objective.spend.search'],
  ];
  for (const [what, edit, path] of cases) {
    it(`Given ${what}, Then one issue names ${path}, in zh and en`, () => {
      const out = computePlan(june(edit));
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.issues.map((i) => [i.path, i.code])).toEqual([[path, 'overflow']]);
      expect(out.issues[0]!.message.en).toContain('above 1e308');
      expect(out.issues[0]!.message.zh).toContain('超出可计算范围');
    });
  }
});
