import { useState } from 'react';
import { EXAMPLE_PLAN_IDS, examplePlan } from '@shopplan/examples';
import {
  COST_MODELS, FIELDS, isPaid, listAssumptions,
  type Channel, type CostModelName, type Lang, type Objective, type Plan, type PlanField,
} from '@shopplan/schema';
import type { PageSnapshot, PlanningController } from '../../session/controller.ts';
import { activeScenario } from '../../session/session-store.ts';
import {
  addChannel, blankPlan, changeCostModel, changeObjective, changePlanInfo, channelIdFor, clearChannelNumber, costModelFields,
  moveChannel, rebalanceShares, removeChannel, renameChannel, setChannelNumber, setChannelShare, setProductShare, setRange,
} from '../../session/structure-edit.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { NumberField, TextField } from './NumberField.tsx';
import './builder.css';

const MODEL_LABEL: Record<CostModelName, MessageKey> = {
  free: 'builderModelFree', cpc: 'builderModelCpc', cpm: 'builderModelCpm', cps: 'builderModelCps', live: 'builderModelLive', crm: 'builderModelCrm',
};

/** This month as a plan period (the page has a clock; the plan does not). */
function thisMonth(): { start: string; end: string } {
  const now = new Date();
  const y = now.getFullYear();
  const m = now.getMonth();
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(y, m + 1, 0).getDate();
  return { start: `${y}-${pad(m + 1)}-01`, end: `${y}-${pad(m + 1)}-${pad(last)}` };
}

/** A channel's own numbers beyond its cost model: funnel, margin and refund, then bounds for paid channels. */
const FUNNEL: readonly PlanField[] = [FIELDS['channel.cvr'], FIELDS['channel.aov']];
const PROFIT: readonly PlanField[] = [FIELDS['channel.margin'], FIELDS['channel.refundRate']];
const CURVE: readonly PlanField[] = [FIELDS['channel.beta'], FIELDS['channel.alpha'], FIELDS['channel.kappa']];
const BOUNDS: readonly PlanField[] = [FIELDS['channel.boundsMin'], FIELDS['channel.boundsMax']];

function channelValue(ch: Channel, f: PlanField): number | undefined {
  let at: unknown = ch;
  for (const k of f.at) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined;
  return typeof at === 'number' ? at : undefined;
}

/**
 * The plan builder: a new plan (blank or from an example), shop, period and
 * objective, channels added, removed, renamed and reordered, each with the
 * cost model's fields from the registry, its response curve, bounds, margin
 * and refund rate; paid shares that move together; uncertainty ranges. Every
 * change goes through `controller.restructure`: one undo step, checked like
 * a plan file.
 */
export function BuilderPanel({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  const plan = scenario.plan;
  const [open, setOpen] = useState(false);
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());
  const [draft, setDraft] = useState<{ id: string; value: number } | null>(null);
  const [example, setExample] = useState(EXAMPLE_PLAN_IDS[0] ?? '');
  const [newName, setNewName] = useState('');
  const [newModel, setNewModel] = useState<CostModelName>('cpc');
  const disabled = snap.readOnly;

  const change = (fn: (p: Plan) => Plan | undefined) => void controller.restructure(scenario.id, fn);
  const paid = plan.channels.filter((c) => isPaid(c.cost));
  // While a share is typed, the others show where they will move.
  const preview = draft
    ? rebalanceShares(paid.map((c) => ({ id: c.id, share: isPaid(c.cost) ? c.cost.share : 0 })), draft.id, draft.value, locked)
    : undefined;
  const allOthersLocked = (id: string) => paid.every((c) => c.id === id || locked.has(c.id));

  const addNew = () => {
    const name = newName.trim();
    if (!name) return;
    change((p) => addChannel(p, channelIdFor(p, name), { zh: name, en: name }, newModel));
    setNewName('');
  };

  const objectiveAmount = plan.objective.kind === 'target' ? plan.objective.gmv : plan.objective.kind === 'budget' ? plan.objective.spend : undefined;
  const objectiveField = plan.objective.kind === 'target' ? FIELDS['objective.gmv'] : FIELDS['objective.spend'];

  return (
    <section className="panel builder" data-testid="builder">
      <h2>
        <button type="button" className="mini" data-testid="builder-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button>{' '}
        {t('builderTitle', lang)}
      </h2>
      {open && (
        <>
          <div className="builder-row">
            <button type="button" data-testid="builder-new-blank" disabled={disabled} onClick={() => void controller.newPlan(blankPlan(lang, thisMonth()), { zh: '新计划', en: 'New plan' })}>{t('builderNewBlank', lang)}</button>
            <select data-testid="builder-example" aria-label={t('builderNewFromExample', lang)} value={example} onChange={(e) => setExample(e.target.value)}>
              {EXAMPLE_PLAN_IDS.map((id) => <option key={id} value={id}>{id}</option>)}
            </select>
            <button type="button" data-testid="builder-new-example" disabled={disabled || !example} onClick={() => { const p = examplePlan(example); void controller.newPlan(p, p.name); }}>{t('builderNewFromExample', lang)}</button>
          </div>
          <div className="builder-row">
            <TextField testId="builder-plan-name" label={t('builderPlanName', lang)} value={plan.name[lang]} onCommit={(v) => change((p) => changePlanInfo(p, { name: { ...p.name, [lang]: v } }))} />
            <TextField testId="builder-shop" label={t('builderShop', lang)} value={plan.shop} onCommit={(v) => change((p) => changePlanInfo(p, { shop: v }))} />
            <TextField testId="builder-period-start" type="date" label={t('builderPeriodStart', lang)} value={plan.period.start} onCommit={(v) => change((p) => changePlanInfo(p, { period: { ...p.period, start: v } }))} />
            <TextField testId="builder-period-end" type="date" label={t('builderPeriodEnd', lang)} value={plan.period.end} onCommit={(v) => change((p) => changePlanInfo(p, { period: { ...p.period, end: v } }))} />
          </div>
          <div className="builder-row">
            <label className="builder-field">
              <span className="builder-label">{t('builderObjectiveKind', lang)}</span>
              <select data-testid="builder-objective-kind" disabled={disabled} value={plan.objective.kind} onChange={(e) => change((p) => changeObjective(p, e.target.value as Objective['kind']))}>
                <option value="target">{t('builderObjectiveTarget', lang)}</option>
                <option value="budget">{t('builderObjectiveBudget', lang)}</option>
                <option value="channels">{t('builderObjectiveChannels', lang)}</option>
              </select>
            </label>
            {objectiveAmount !== undefined && (
              <NumberField key={plan.objective.kind} testId="builder-objective-amount" lang={lang} unit={objectiveField.unit} label={objectiveField.label[lang]} value={objectiveAmount} disabled={disabled}
                onCommit={(v) => v !== undefined && change((p) => changeObjective(p, p.objective.kind, v))} />
            )}
          </div>
          <p className="hint">{t('builderSharesHint', lang)}</p>
          <ol className="builder-channels">
            {plan.channels.map((ch, index) => {
              const share = isPaid(ch.cost) ? (preview?.get(ch.id) ?? ch.cost.share) : undefined;
              const modelFields = costModelFields(ch.cost.model).filter((f) => f.field !== 'share');
              const numberField = (f: PlanField) => (
                <NumberField key={f.id} testId={`field-${f.id.replace('channel.', '')}`} lang={lang} unit={f.unit} label={f.label[lang]} value={channelValue(ch, f)} optional={f.optional} disabled={disabled}
                  onCommit={(v) => change((p) => (v === undefined ? clearChannelNumber(p, ch.id, f) : setChannelNumber(p, ch.id, f, v)))} />
              );
              return (
                <li key={ch.id} className="builder-channel" data-testid={`builder-channel-${ch.id}`}>
                  <div className="builder-row">
                    <TextField testId="ch-name" label={t('builderChannelName', lang)} value={ch.name[lang]} onCommit={(v) => change((p) => renameChannel(p, ch.id, { ...ch.name, [lang]: v }))} />
                    <code className="builder-id">{ch.id}</code>
                    <label className="builder-field">
                      <span className="builder-label">{t('costModel', lang)}</span>
                      <select data-testid="ch-model" disabled={disabled} value={ch.cost.model} onChange={(e) => change((p) => changeCostModel(p, ch.id, e.target.value as CostModelName))}>
                        {COST_MODELS.map((m) => <option key={m} value={m}>{t(MODEL_LABEL[m], lang)}</option>)}
                      </select>
                    </label>
                    {share !== undefined && (
                      <>
                        <NumberField testId="field-share" lang={lang} unit="rate" label={FIELDS['channel.share'].label[lang]} value={share} committed={isPaid(ch.cost) ? ch.cost.share : undefined} disabled={disabled}
                          onDraft={(v) => setDraft(v === undefined ? null : { id: ch.id, value: v })}
                          onCommit={(v) => { setDraft(null); if (v !== undefined) change((p) => setChannelShare(p, ch.id, v, locked)); }} />
                        <label className="builder-lock">
                          <input type="checkbox" data-testid="ch-lock" checked={locked.has(ch.id)} onChange={(e) => {
                            const next = new Set(locked);
                            if (e.target.checked) next.add(ch.id); else next.delete(ch.id);
                            setLocked(next);
                          }} />
                          {t('builderLock', lang)}
                        </label>
                        {draft?.id === ch.id && allOthersLocked(ch.id) && <span className="hint" data-testid="share-all-locked">{t('builderShareUsed', lang)}</span>}
                      </>
                    )}
                    <span className="builder-actions">
                      <button type="button" className="mini" data-testid="ch-up" disabled={disabled || index === 0} title={t('builderMoveUp', lang)} aria-label={t('builderMoveUp', lang)} onClick={() => change((p) => moveChannel(p, ch.id, -1))}>↑</button>
                      <button type="button" className="mini" data-testid="ch-down" disabled={disabled || index === plan.channels.length - 1} title={t('builderMoveDown', lang)} aria-label={t('builderMoveDown', lang)} onClick={() => change((p) => moveChannel(p, ch.id, 1))}>↓</button>
                      <button type="button" className="mini" data-testid="ch-remove" disabled={disabled || plan.channels.length === 1} onClick={() => change((p) => removeChannel(p, ch.id))}>{t('builderRemove', lang)}</button>
                    </span>
                  </div>
                  <div className="builder-row">
                    {modelFields.map(numberField)}
                    {FUNNEL.map(numberField)}
                    {PROFIT.map(numberField)}
                    {isPaid(ch.cost) && BOUNDS.map(numberField)}
                  </div>
                  <div className="builder-row">
                    <span className="builder-label">{t('builderResponse', lang)}</span>
                    {ch.response
                      ? (
                        <>
                          {CURVE.map(numberField)}
                          <button type="button" className="mini" data-testid="ch-curve-remove" disabled={disabled} onClick={() => change((p) => clearChannelNumber(p, ch.id, FIELDS['channel.beta']))}>{t('builderRemoveResponse', lang)}</button>
                        </>
                      )
                      : <button type="button" className="mini" data-testid="ch-curve-add" disabled={disabled} onClick={() => change((p) => setChannelNumber(p, ch.id, FIELDS['channel.kappa'], 100_000))}>{t('builderAddResponse', lang)}</button>}
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="builder-row">
            <label className="builder-field">
              <span className="builder-label">{t('builderChannelName', lang)}</span>
              <input type="text" data-testid="builder-add-name" value={newName} onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') addNew(); }} />
            </label>
            <label className="builder-field">
              <span className="builder-label">{t('costModel', lang)}</span>
              <select data-testid="builder-add-model" value={newModel} onChange={(e) => setNewModel(e.target.value as CostModelName)}>
                {COST_MODELS.map((m) => <option key={m} value={m}>{t(MODEL_LABEL[m], lang)}</option>)}
              </select>
            </label>
            <button type="button" data-testid="builder-add" disabled={disabled} onClick={addNew}>{t('builderAddChannel', lang)}</button>
          </div>
          {plan.products && plan.products.length > 1 && <ProductShares plan={plan} lang={lang} disabled={disabled} onChange={change} />}
          <RangesEditor plan={plan} lang={lang} disabled={disabled} onChange={change} />
        </>
      )}
    </section>
  );
}

/** Low/high ranges of assumptions: the ones set, and a row to set another. */
function RangesEditor({ plan, lang, disabled, onChange }: { plan: Plan; lang: Lang; disabled: boolean; onChange: (fn: (p: Plan) => Plan | undefined) => void }) {
  // ranges belong to a channel's own rates and prices (checkPlan refuses the others)
  const candidates = listAssumptions(plan).filter((a) => a.owner?.kind === 'channel' && a.field !== 'share' && !a.path.startsWith('objective.'));
  const [path, setPath] = useState('');
  const [low, setLow] = useState<number | undefined>(undefined);
  const [high, setHigh] = useState<number | undefined>(undefined);
  const chosen = candidates.find((a) => a.path === path) ?? candidates[0];
  const ranges = Object.entries(plan.uncertainty ?? {});
  const labelOf = (p: string) => {
    const a = candidates.find((c) => c.path === p);
    const ch = plan.channels.find((c) => c.id === a?.owner?.id);
    return a ? `${ch?.name[lang] ?? a.owner?.id} · ${a.label[lang]}` : p;
  };
  const unitOf = (p: string) => candidates.find((c) => c.path === p)?.unit ?? 'rate';
  return (
    <div className="builder-ranges" data-testid="builder-ranges">
      <h3>{t('builderRanges', lang)}</h3>
      {ranges.length === 0 && <p className="hint" data-testid="builder-no-ranges">{t('builderNoRanges', lang)}</p>}
      <ul>
        {ranges.map(([p, r]) => (
          <li key={p} data-testid={`range-${p}`}>
            {labelOf(p)}: {t('builderRangeLow', lang)} <NumberField testId="range-low" lang={lang} unit={unitOf(p)} label={t('builderRangeLow', lang)} value={r.low} disabled={disabled} onCommit={(v) => v !== undefined && onChange((pl) => setRange(pl, p, { low: v, high: r.high }))} />
            {t('builderRangeHigh', lang)} <NumberField testId="range-high" lang={lang} unit={unitOf(p)} label={t('builderRangeHigh', lang)} value={r.high} disabled={disabled} onCommit={(v) => v !== undefined && onChange((pl) => setRange(pl, p, { low: r.low, high: v }))} />
            <button type="button" className="mini" disabled={disabled} onClick={() => onChange((pl) => setRange(pl, p, undefined))}>{t('delete', lang)}</button>
          </li>
        ))}
      </ul>
      {chosen && (
        <div className="builder-row">
          <select data-testid="range-path" aria-label={t('builderRanges', lang)} value={chosen.path} onChange={(e) => setPath(e.target.value)}>
            {candidates.map((a) => <option key={a.path} value={a.path}>{labelOf(a.path)}</option>)}
          </select>
          <NumberField key={`low-${chosen.path}`} testId="range-new-low" lang={lang} unit={chosen.unit} label={t('builderRangeLow', lang)} value={low} optional onCommit={setLow} />
          <NumberField key={`high-${chosen.path}`} testId="range-new-high" lang={lang} unit={chosen.unit} label={t('builderRangeHigh', lang)} value={high} optional onCommit={setHigh} />
          <button type="button" data-testid="range-add" disabled={disabled || low === undefined || high === undefined}
            onClick={() => { if (low !== undefined && high !== undefined) { onChange((pl) => setRange(pl, chosen.path, { low, high })); setLow(undefined); setHigh(undefined); } }}>{t('builderAddRange', lang)}</button>
        </div>
      )}
    </div>
  );
}

/**
 * One product's share of GMV, typed: the other unlocked products move in
 * proportion so the sum stays 100% (a plan may hold thousands of products,
 * so one is chosen at a time rather than listed).
 */
function ProductShares({ plan, lang, disabled, onChange }: { plan: Plan; lang: Lang; disabled: boolean; onChange: (fn: (p: Plan) => Plan | undefined) => void }) {
  const products = plan.products ?? [];
  const [id, setId] = useState(products[0]?.id ?? '');
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());
  const product = products.find((p) => p.id === id) ?? products[0];
  if (!product) return null;
  return (
    <div className="builder-row" data-testid="builder-product-shares">
      <label className="builder-field">
        <span className="builder-label">{t('products', lang)}</span>
        <select data-testid="product-pick" value={product.id} onChange={(e) => setId(e.target.value)}>
          {products.map((p) => <option key={p.id} value={p.id}>{p.name[lang]}</option>)}
        </select>
      </label>
      <NumberField key={product.id} testId="product-share" lang={lang} unit="rate" label={FIELDS['product.share'].label[lang]} value={product.share} disabled={disabled}
        onCommit={(v) => v !== undefined && onChange((p) => setProductShare(p, product.id, v, locked))} />
      <label className="builder-lock">
        <input type="checkbox" data-testid="product-lock" checked={locked.has(product.id)} onChange={(e) => {
          const next = new Set(locked);
          if (e.target.checked) next.add(product.id); else next.delete(product.id);
          setLocked(next);
        }} />
        {t('builderLock', lang)}
      </label>
      <span className="hint">{lang === 'zh' ? `已锁定 ${locked.size} 个商品` : `${locked.size} locked`}</span>
    </div>
  );
}
