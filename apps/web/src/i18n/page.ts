/**
 * Texts of the page's frame and of the views that read the plan (header
 * tabs and menus, compare, formulas, the product calendar's totals and
 * filters), in Chinese and English. Spread into MESSAGES by index.ts, so
 * `t(key, lang)` reads them like any other message.
 */
export const PAGE_MESSAGES = {
  // header: tabs, rename, menus
  renameHint: { zh: '双击、F2 或回车重命名；Esc 取消', en: 'Double-click, F2 or Enter to rename; Escape cancels' },
  renameInput: { zh: '方案新名称', en: 'New name of the scenario' },
  viewTabs: { zh: '视图', en: 'Views' },
  // compare
  compareInputs: { zh: '不同的假设（输入）', en: 'Inputs that differ' },
  compareInputsNone: { zh: '各方案的假设完全相同，差异只来自结果。', en: 'Every scenario has the same inputs.' },
  compareOutputs: { zh: '结果', en: 'Results' },
  compareInput: { zh: '假设', en: 'Input' },
  legendGood: { zh: '对计划有利（成交额、利润更高，花费、单笔订单成本更低）', en: 'good for the plan (more GMV or profit, less spend or cost per order)' },
  legendBad: { zh: '对计划不利（花费更多、成交额更低）', en: 'bad for the plan (more spend, less GMV)' },
  legendChanged: { zh: '输入不同（无好坏之分）', en: 'input differs (neither good nor bad)' },
  legendSame: { zh: '= 与基准相同', en: '= same as the baseline' },
  // formulas
  intermediateFigures: { zh: '中间数（公式中的名称）', en: 'Intermediate figures (names in formulas)' },
  intermediateHint: { zh: '公式里的名称可点击或回车，跳到它所指的数。', en: 'Click a name in a formula (or Enter on it) to go to the figure it names.' },
  formulaGoTo: { zh: '跳到', en: 'Go to' },
  // product calendar
  calendarSearch: { zh: '搜索商品', en: 'Search products' },
  calendarSearchHint: { zh: '编号或名称', en: 'id or name' },
  calendarMinShare: { zh: '占比至少', en: 'Share at least' },
  calendarWeeks: { zh: '显示周', en: 'Weeks shown' },
  calendarShown: { zh: '显示 {n} / {total} 个商品', en: 'showing {n} of {total} products' },
  calendarNoMatch: { zh: '没有符合搜索和筛选的商品。', en: 'No product matches the search and filter.' },
  calendarTotalsRow: { zh: '合计（全部商品）', en: 'Total (all products)' },
  calendarRowTotalRevenue: { zh: '全期合计', en: 'Period total' },
  calendarRowTotalUnits: { zh: '全期销量', en: 'Period units' },
  calendarTotalsLine: { zh: '全部 {n} 个商品合计：成交额 {gmv}，销量 {units}', en: 'All {n} products: GMV {gmv}, units {units}' },
  calendarTotalsUpdating: { zh: '（正在按新数重新求和…）', en: '(summing again with the new figures…)' },
  calendarTotalsComputing: { zh: '正在对全部商品求和…', en: 'Summing all products…' },
  calendarTotalsErrors: { zh: '以下格子无法计算，按 0 计入：', en: 'Cells that could not be computed, counted as 0:' },
} as const;
