import type { LocalizedText } from './localized.ts';

/**
 * Planner-facing names of plan v3's calendar fields (activities, resources,
 * phases, day weights, presale), keyed by the last key of a path like
 * FIELD_LABELS, which takes them in.
 */
export const CALENDAR_FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  newShop: { zh: '新店', en: 'new shop' },
  calendar: { zh: '日历设置', en: 'calendar settings' },
  activities: { zh: '活动', en: 'activities' },
  resources: { zh: '资源', en: 'resources' },
  tier: { zh: '活动等级', en: 'tier' },
  kind: { zh: '类型', en: 'kind' },
  window: { zh: '可排期窗口', en: 'allowed window' },
  phases: { zh: '阶段天数', en: 'phase lengths' },
  warmUp: { zh: '预热期', en: 'warm-up' },
  peak: { zh: '高峰期', en: 'peak' },
  tail: { zh: '尾期', en: 'tail' },
  encore: { zh: '返场期', en: 'encore' },
  peakOn: { zh: '首选爆发日', en: 'preferred peak day' },
  leadTime: { zh: '筹备提前期', en: 'preparation lead time' },
  needs: { zh: '每日资源需求', en: 'daily resource needs' },
  rates: { zh: '阶段倍数', en: 'phase multipliers' },
  demand: { zh: '需求倍数', en: 'demand multiplier' },
  traffic: { zh: '流量倍数', en: 'traffic multiplier' },
  presale: { zh: '预售', en: 'presale' },
  depositShare: { zh: '定金订单占比', en: 'deposit share' },
  dropOutRate: { zh: '尾款流失率', en: 'drop-out rate' },
  finalPaymentDays: { zh: '尾款天数', en: 'final-payment days' },
  capacity: { zh: '容量', en: 'capacity' },
  per: { zh: '容量周期', en: 'capacity period' },
  unit: { zh: '单位', en: 'unit' },
  weekdays: { zh: '星期权重', en: 'weekday pattern' },
  months: { zh: '月份季节权重', en: 'season weights by month' },
  hangover: { zh: '大促后遗症', en: 'hangover' },
  factor: { zh: '后遗症系数', en: 'hangover factor' },
  days: { zh: '天数', en: 'days' },
  tiers: { zh: '等级默认值', en: 'tier defaults' },
};

/** Calendar fields that hold a rate (a fraction shown as a percentage). */
export const CALENDAR_RATE_FIELDS: readonly string[] = ['depositShare', 'dropOutRate'];
