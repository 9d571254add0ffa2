/**
 * The spreadsheet name of an assumption path. Names read like the domain in
 * formulas (`=paid_visitors*search.share`) and survive into the xlsx as
 * defined names, so a planner can read the formulas in Excel too.
 * @example assumptionName('channels.search.cvr') // 'search.cvr'
 * @example assumptionName('objective.gmv') // 'target_gmv'
 */
export function assumptionName(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'channels' && parts.length === 3) return `${parts[1]}.${parts[2]}`;
  if (path === 'objective.gmv') return 'target_gmv';
  if (path === 'objective.spend') return 'budget';
  if (parts[0] === 'objective' && parts.length === 3) return `${parts[2]}.${parts[1]}_lever`;
  return parts.join('_');
}
