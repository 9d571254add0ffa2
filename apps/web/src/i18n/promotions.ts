import type { LocalizedText } from '@shopplan/schema';

/**
 * The Promotion calendar view's texts in Chinese and English, merged into
 * MESSAGES with one spread (kept apart so other views' edits do not collide).
 */
export const PROMOTION_MESSAGES = {
  promoGantt: { zh: '促销甘特图（按等级与阶段）', en: 'Promotions by tier and phase' },
  promoProvisional: { zh: '暂定：本年度法定节假日安排尚未公布，按国务院惯例推算', en: 'provisional: the year’s holiday schedule is not published yet; made by the State Council’s usual rules' },
  promoResources: { zh: '资源占用（每日 已用 / 容量）', en: 'Resource use per day (used / capacity)' },
  promoUnplaced: { zh: '未排上的活动', en: 'Activities not placed' },
  promoAllPlaced: { zh: '全部活动均已排上。', en: 'Every activity is placed.' },
  promoDaily: { zh: '每日目标与花费', en: 'Daily target and spend' },
  promoDailyGmv: { zh: '目标 GMV', en: 'Target GMV' },
  promoDailySpend: { zh: '花费', en: 'Spend' },
  promoNoDays: { zh: '无法按日分解：', en: 'The days cannot be phased: ' },
  promoNoActivities: { zh: '此计划没有促销活动。打开 2027 年度示例（?demo=year-2027）看看。', en: 'This plan has no promotion activities. Open the 2027 example (?demo=year-2027) to see one.' },
  promoRefused: { zh: '未移动：', en: 'Not moved: ' },
  promoMoved: { zh: '已移动，预算已更新（可撤销）。', en: 'Moved; the budget is updated (undo to take it back).' },
  promoHint: { zh: '拖动活动条（或选中后按 ← →）在允许窗口内移动，一次一天；浅色为允许窗口。', en: 'Drag a bar (or select it and press ← →) to move it within its window, a day at a time; the faint band is the window.' },
  promoMakeUp: { zh: '调休上班', en: 'make-up workday' },
  promoHoliday: { zh: '法定假日', en: 'holiday' },
  phaseWarmUp: { zh: '预热', en: 'warm-up' },
  phasePeak: { zh: '爆发', en: 'peak' },
  phaseTail: { zh: '返场', en: 'tail' },
  phaseEncore: { zh: '余温', en: 'encore' },
  tierRow: { zh: '级', en: '-tier' },
} as const satisfies Record<string, LocalizedText>;
