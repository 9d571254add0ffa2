import type { BilingualMessage } from '../number/index.ts';
import type { EditPlan } from './clipboard.ts';

/**
 * One line for the grid's status bar saying what a paste or fill did, so a
 * planner sees every skipped or refused piece.
 * @example describeEditPlan(plan, 'paste').en // 'Pasted 6 cells; skipped 2 read-only cells'
 */
export function describeEditPlan(plan: EditPlan, kind: 'paste' | 'fill'): BilingualMessage {
  const zh: string[] = [`${kind === 'paste' ? '已粘贴' : '已填充'} ${plan.edits.length} 个单元格`];
  const en: string[] = [`${kind === 'paste' ? 'Pasted' : 'Filled'} ${plan.edits.length} ${plan.edits.length === 1 ? 'cell' : 'cells'}`];
  if (plan.invalid.length > 0) {
    zh.push(`${plan.invalid.length} 个无效（已标出，原值保留）`);
    en.push(`${plan.invalid.length} invalid (marked, old values kept)`);
  }
  if (plan.skippedReadOnly.length > 0) {
    zh.push(`跳过 ${plan.skippedReadOnly.length} 个只读单元格`);
    en.push(`skipped ${plan.skippedReadOnly.length} read-only ${plan.skippedReadOnly.length === 1 ? 'cell' : 'cells'}`);
  }
  if (plan.blank.length > 0) {
    zh.push(`${plan.blank.length} 个空白未粘贴`);
    en.push(`${plan.blank.length} blank ${plan.blank.length === 1 ? 'piece' : 'pieces'} left as they were`);
  }
  if (plan.skippedMismatch.length > 0) {
    zh.push(`${plan.skippedMismatch.length} 个单位不同未填充`);
    en.push(`${plan.skippedMismatch.length} of a different unit left alone`);
  }
  if (plan.clipped > 0) {
    zh.push(`${plan.clipped} 个超出表格范围`);
    en.push(`${plan.clipped} beyond the grid's edge`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}
