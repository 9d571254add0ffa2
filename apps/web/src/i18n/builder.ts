import type { LocalizedText } from '@shopplan/schema';

/**
 * The plan builder's texts (merged into the main catalog). Field labels are
 * not here: they come from the schema's field registry.
 */
export const BUILDER_MESSAGES = {
  builderTitle: { zh: '计划结构（新建计划、渠道、成本模型、目标）', en: 'Plan structure (new plan, channels, cost models, objective)' },
  builderNewBlank: { zh: '新建空白计划', en: 'New blank plan' },
  builderNewFromExample: { zh: '以示例为模板新建', en: 'New from example' },
  builderShop: { zh: '店铺', en: 'Shop' },
  builderPlanName: { zh: '计划名称', en: 'Plan name' },
  builderPeriodStart: { zh: '开始日期', en: 'Period starts' },
  builderPeriodEnd: { zh: '结束日期', en: 'Period ends' },
  builderObjectiveKind: { zh: '推算方式', en: 'Solve for' },
  builderObjectiveTarget: { zh: '目标成交额（倒推花费）', en: 'Target GMV (spend worked back)' },
  builderObjectiveBudget: { zh: '总预算（正推成交额）', en: 'Budget (GMV worked forward)' },
  builderObjectiveChannels: { zh: '各渠道投放杠杆', en: 'Per-channel levers' },
  builderChannelName: { zh: '渠道名称', en: 'Channel name' },
  builderAddChannel: { zh: '添加渠道', en: 'Add channel' },
  builderRemove: { zh: '删除渠道', en: 'Remove channel' },
  builderMoveUp: { zh: '上移', en: 'Move up' },
  builderMoveDown: { zh: '下移', en: 'Move down' },
  builderLock: { zh: '锁定占比', en: 'Lock share' },
  builderSharesHint: { zh: '输入一个付费渠道的占比，其他未锁定的渠道按比例调整，合计保持 100%。', en: 'Type one paid share: the other unlocked paid channels move in proportion so the sum stays 100%.' },
  builderShareUsed: { zh: '其他渠道都已锁定，此占比取剩余部分', en: 'every other share is locked, so this one takes what is left' },
  builderResponse: { zh: '响应曲线', en: 'Response curve' },
  builderAddResponse: { zh: '加响应曲线', en: 'Add curve' },
  builderRemoveResponse: { zh: '去掉曲线', en: 'Remove curve' },
  builderOptional: { zh: '可选（空白即不设）', en: 'optional (blank: not set)' },
  builderModelFree: { zh: '免费（自然流量）', en: 'Free (organic)' },
  builderModelCpc: { zh: 'CPC 按点击', en: 'CPC (per click)' },
  builderModelCpm: { zh: 'CPM 按千次展现', en: 'CPM (per mille)' },
  builderModelCps: { zh: 'CPS 按成交佣金', en: 'CPS (commission)' },
  builderModelLive: { zh: '直播（坑位费+佣金）', en: 'Live (fee + commission)' },
  builderModelCrm: { zh: 'CRM 私域触达', en: 'CRM (messages)' },
  builderRanges: { zh: '不确定区间（低 / 高）', en: 'Uncertainty ranges (low / high)' },
  builderRangeLow: { zh: '低', en: 'low' },
  builderRangeHigh: { zh: '高', en: 'high' },
  builderAddRange: { zh: '设区间', en: 'Set range' },
  builderNoRanges: { zh: '此计划还没有任何不确定区间。', en: 'This plan has no ranges yet.' },
} as const satisfies Record<string, LocalizedText>;
