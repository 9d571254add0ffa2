/**
 * Writes the example history files (issue 14):
 * - history/shop-2026.csv: a year of daily history for the six channels of
 *   plans/history-shop-2026.json, from generateHistory({ year: 2026, seed: 14 }),
 *   UTF-8 with a BOM and Chinese headers, as Excel on Chinese Windows saves it;
 * - history/messy-gbk.csv: a small GBK file the way operators' exports look:
 *   other header aliases (统计日期, 流量来源, 消耗 …), channels by English name,
 *   ￥ signs (full-width: GBK has no ¥), thousands separators, quoted cells, blank lines and a percent
 *   column the importer does not use (转化率), which it lists as ignored.
 * Run from packages/examples: `pnpm exec tsx scripts/history.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { generateHistory, historyCsv } from '../src/history-generator.ts';

const out = (name: string): string => fileURLToPath(new URL(`../history/${name}`, import.meta.url));

const year = generateHistory({ year: 2026, seed: 14 });
writeFileSync(out('shop-2026.csv'), `\uFEFF${historyCsv(year.rows)}`);

const messy = [
  '统计日期,流量来源,消耗,曝光量,点击量,UV,加购人数,成交订单数,成交金额,退款金额,转化率',
  '2026/03/02,Paid search,"￥3,120.50","118,930",3806,3806,381,95,"￥15,201.00",￥760.05,2.50%',
  '2026/03/02,自然搜索,0,0,0,"11,905","1,012",250,"￥38,000.00","￥2,280.00",2.10%',
  '',
  '2026/03/02,Display,"￥5,880.00","602,000",9030,9030,632,108,"￥15,120.00","￥1,058.40",1.20%',
  '2026/03/03,Paid search,"￥2,950.00","112,406",3597,3597,360,90,"￥14,400.00",￥720.00,2.50%',
  '2026/03/03,自然搜索,0,0,0,"11,420",971,240,"￥36,480.00","￥2,188.80",2.10%',
  '',
  '',
  '2026/03/03,Display,"￥6,120.00","626,000",9390,9390,657,113,"￥15,820.00","￥1,107.40",1.20%',
  '',
].join('\r\n');
writeFileSync(out('messy-gbk.csv'), iconv.encode(messy, 'gbk'));
console.log(`wrote ${year.rows.length} rows to shop-2026.csv and the messy GBK file`);
