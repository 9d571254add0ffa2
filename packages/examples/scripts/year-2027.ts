/**
 * Writes plans/year-2027.json: a 2027 yearly promotion calendar with 70
 * activities over four scarce resources, some of which cannot all fit.
 * Run from packages/examples: `pnpm exec tsx scripts/year-2027.ts`.
 *
 * The festival dates are typed in from the 2027 calendar (checked against
 * tyme4ts when written): Spring Festival 2027-02-06, Lantern 2027-02-20,
 * Dragon Boat 2027-06-09, Qixi 2027-08-08, Mid-Autumn 2027-09-15. A plan is a
 * document, so the dates are plain data here; the engine's calendar module is
 * what computes them for any year.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const at = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, n: number): string => iso(at(date) + n * DAY_MS);

const n = (zh: string, en: string) => ({ zh, en });

type Doc = Record<string, unknown>;

/** Festivals and themes of 2027, most of them with a preferred peak day. */
const themed: Doc[] = [
  // Platform festivals (平台大促).
  { id: 'nianhuo', name: n('年货节', 'New Year goods festival'), tier: 'A', kind: 'platform',
    // relative to Spring Festival 2027-02-06: the warm-up starts about a month before, the peak ends a week before
    window: { start: '2027-01-04', end: addDays('2027-02-06', -3) }, peakOn: addDays('2027-02-06', -16), leadTime: 0 },
  { id: 'spring-festival-open', name: n('春节不打烊', 'Open over Spring Festival'), tier: 'C', kind: 'shop',
    window: { start: addDays('2027-02-06', -3), end: addDays('2027-02-06', 6) }, phases: { peak: 7 }, leadTime: 0 },
  { id: 'lantern', name: n('元宵节', 'Lantern festival'), tier: 'C', kind: 'seasonal',
    window: { start: '2027-02-14', end: '2027-02-20' }, peakOn: '2027-02-20', phases: { warmUp: 3, peak: 1 } },
  { id: 'queen-day', name: n('38 女王节', 'Queen\'s Day (March 8)'), tier: 'A', kind: 'platform',
    window: { start: '2027-02-22', end: '2027-03-12' }, peakOn: '2027-03-06' },
  { id: 'spring-new', name: n('春季上新', 'Spring new arrivals'), tier: 'B', kind: 'shop',
    window: { start: '2027-03-01', end: '2027-03-31' } },
  { id: 'spring-tea', name: n('春茶季（明前茶）', 'Spring tea season'), tier: 'B', kind: 'seasonal',
    window: { start: '2027-03-10', end: '2027-04-05' }, phases: { warmUp: 5, peak: 7, tail: 2, encore: 3 } },
  { id: 'mothers-day', name: n('母亲节', 'Mother\'s Day'), tier: 'B', kind: 'seasonal',
    window: { start: '2027-04-26', end: '2027-05-09' }, peakOn: '2027-05-07' },
  { id: 'cherry', name: n('车厘子季', 'Cherry season'), tier: 'S', kind: 'seasonal',
    window: { start: '2027-04-25', end: '2027-06-10' }, phases: { warmUp: 10, peak: 7, tail: 3, encore: 5 } },
  { id: '520', name: n('520 告白日', '520 (love day)'), tier: 'B', kind: 'shop',
    window: { start: '2027-05-12', end: '2027-05-21' }, peakOn: '2027-05-19' },
  { id: '618', name: n('618 年中大促', '618 mid-year festival'), tier: 'S', kind: 'platform',
    window: { start: '2027-05-20', end: '2027-06-25' }, peakOn: '2027-06-16',
    phases: { warmUp: 14, peak: 5, tail: 2, encore: 5 },
    needs: { budget: { warmUp: 15000, peak: 45000, tail: 15000, encore: 12000 } },
    presale: { depositShare: 0.5, dropOutRate: 0.15, finalPaymentDays: 3 } },
  { id: 'dragon-boat', name: n('端午粽子节', 'Dragon Boat (zongzi)'), tier: 'B', kind: 'seasonal',
    window: { start: '2027-05-28', end: '2027-06-09' }, peakOn: '2027-06-06' },
  { id: 'mango', name: n('芒果季', 'Mango season'), tier: 'A', kind: 'seasonal',
    window: { start: '2027-06-01', end: '2027-07-31' } },
  { id: 'summer-clearance', name: n('夏季清仓', 'Summer clearance'), tier: 'B', kind: 'shop',
    window: { start: '2027-07-10', end: '2027-08-10' } },
  { id: 'qixi', name: n('七夕', 'Qixi'), tier: 'B', kind: 'seasonal',
    window: { start: '2027-07-28', end: '2027-08-08' }, peakOn: '2027-08-06' },
  { id: 'back-to-school', name: n('开学季', 'Back to school'), tier: 'B', kind: 'shop',
    window: { start: '2027-08-15', end: '2027-09-05' } },
  { id: 'ninety-nine', name: n('99 划算节', '99 value festival'), tier: 'A', kind: 'platform',
    window: { start: '2027-08-25', end: '2027-09-14' }, peakOn: '2027-09-08' },
  { id: 'mooncake', name: n('中秋月饼', 'Mid-Autumn mooncakes'), tier: 'A', kind: 'seasonal',
    window: { start: '2027-08-20', end: '2027-09-15' }, peakOn: '2027-09-10' },
  { id: 'national-day', name: n('国庆黄金周', 'National Day golden week'), tier: 'A', kind: 'platform',
    window: { start: '2027-09-22', end: '2027-10-07' }, peakOn: '2027-10-01' },
  { id: 'hairy-crab', name: n('大闸蟹季', 'Hairy crab season'), tier: 'S', kind: 'seasonal',
    window: { start: '2027-09-16', end: '2027-11-30' }, peakOn: '2027-09-28' },
  { id: 'double-11', name: n('双 11', 'Double 11'), tier: 'S', kind: 'platform',
    window: { start: '2027-10-10', end: '2027-11-25' }, peakOn: '2027-11-10',
    phases: { warmUp: 20, peak: 5, tail: 3, encore: 6 },
    needs: { budget: { warmUp: 15000, peak: 45000, tail: 15000, encore: 12000 } },
    presale: { depositShare: 0.6, dropOutRate: 0.12, finalPaymentDays: 2 } },
  { id: 'brand-collab', name: n('品牌联名快闪', 'Brand collab flash sale'), tier: 'A', kind: 'shop',
    window: { start: '2027-10-25', end: '2027-11-20' } },
  { id: 'autumn-live-marathon', name: n('秋季直播马拉松', 'Autumn live marathon'), tier: 'B', kind: 'shop',
    window: { start: '2027-11-01', end: '2027-11-16' }, needs: { live: 2 } },
  { id: 'double-12', name: n('双 12', 'Double 12'), tier: 'A', kind: 'platform',
    window: { start: '2027-12-01', end: '2027-12-20' }, peakOn: '2027-12-12' },
  { id: 'winter-warm', name: n('冬季保暖专场', 'Winter warmth special'), tier: 'B', kind: 'shop',
    window: { start: '2027-11-25', end: '2027-12-15' } },
  { id: 'year-end', name: n('年终盛典', 'Year-end gala'), tier: 'A', kind: 'shop',
    window: { start: '2027-12-16', end: '2027-12-31' } },
  // Next year's New Year goods festival starts in late December; its window runs past this plan's year.
  { id: 'nianhuo-2028', name: n('2028 年货节', '2028 New Year goods festival'), tier: 'A', kind: 'platform',
    window: { start: '2027-12-22', end: '2028-01-20' } },
  // A launch decided too late: a B tier needs 14 days of preparation from the plan's start.
  { id: 'new-year-flash', name: n('元旦快闪', 'New Year flash sale'), tier: 'B', kind: 'shop',
    window: { start: '2027-01-01', end: '2027-01-10' } },
];

/** The weekly member day (会员日): one C-tier day in each week of 2027, Thursday preferred. */
function memberDays(): Doc[] {
  const out: Doc[] = [];
  // 2027-01-04 is the first Monday of 2027.
  for (let week = 0; week < 52; week += 1) {
    const monday = addDays('2027-01-04', week * 7);
    out.push({
      id: `member-day-${String(week + 1).padStart(2, '0')}`,
      name: n(`会员日（第 ${week + 1} 周）`, `Member day (week ${week + 1})`),
      tier: 'C', kind: 'routine',
      window: { start: monday, end: addDays(monday, 6) },
      peakOn: addDays(monday, 3),
    });
  }
  return out;
}

const plan = {
  version: 3,
  id: 'year-2027',
  name: n('2027 年度大促日历', '2027 promotion calendar'),
  shop: '示例旗舰店 Demo Flagship Store',
  period: { start: '2027-01-01', end: '2027-12-31' },
  currency: 'CNY',
  paidSplit: 'visitors',
  objective: { kind: 'target', gmv: 60_000_000 },
  channels: [
    { id: 'organic', name: n('自然搜索', 'Organic search'), cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 8_000_000 } },
    { id: 'search', name: n('直通车', 'Paid search'), cvr: 0.025, aov: 160, cost: { model: 'cpc', share: 0.5, cpc: 1.2 } },
    { id: 'display', name: n('引力魔方', 'Display'), cvr: 0.012, aov: 140, cost: { model: 'cpm', share: 0.3, cpm: 36, ctr: 0.015 } },
    { id: 'affiliate', name: n('淘宝客', 'Affiliate'), cvr: 0.03, aov: 130, cost: { model: 'cps', share: 0.2, commission: 0.2 } },
  ],
  newShop: false,
  calendar: {
    weekdays: [0.95, 0.95, 0.95, 1, 1.05, 1.1, 1.0],
    months: [1.1, 0.8, 0.95, 0.95, 1, 1.15, 0.9, 0.9, 1, 1.05, 1.4, 1.2],
    hangover: { factor: 0.85, days: 7 },
    // Tier defaults as this shop runs them: what a day of each tier takes.
    tiers: {
      S: { needs: { banner: 2, live: 1, team: 8, budget: 20000 } },
      A: { needs: { banner: 1, live: 1, team: 5, budget: 10000 } },
      B: { needs: { banner: 1, team: 3, budget: 4000 } },
      C: { needs: { live: 1, team: 2, budget: 2000 } },
    },
  },
  resources: [
    { id: 'banner', name: n('首页横幅位', 'Home banner slots'), capacity: 3, per: 'day', unit: n('个', 'slots') },
    { id: 'live', name: n('直播档期', 'Live-stream slots'), capacity: 2, per: 'day', unit: n('场', 'sessions') },
    { id: 'team', name: n('团队工时', 'Team hours'), capacity: 90, per: 'week', unit: n('小时', 'hours') },
    { id: 'budget', name: n('推广预算', 'Promotion budget'), capacity: 260000, per: 'week', unit: n('元', 'yuan') },
  ],
  activities: [...themed, ...memberDays()],
};

const out = fileURLToPath(new URL('../plans/year-2027.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(plan, null, 2)}\n`);
console.log(`wrote ${out}: ${plan.activities.length} activities`);
