import type { Lang } from '@shopplan/schema';
import type { FormulaPart, FormulaRef } from '../worker/formula-text.ts';
import { t } from '../i18n/index.ts';

/**
 * A formula a planner can follow: each name or cell in it is a link (click,
 * or Enter when focused) that leads to the figure it names; the rest is text.
 */
export function FormulaText({ parts, fallback, lang, onFollow, testId }: { parts: FormulaPart[] | undefined; fallback: string; lang: Lang; onFollow(ref: FormulaRef): void; testId?: string }) {
  if (!parts?.length) return <code data-testid={testId}>{fallback}</code>;
  return (
    <code data-testid={testId}>
      {parts.map((p, i) =>
        p.ref ? (
          <button
            key={i}
            type="button"
            className="formula-name"
            data-ref={p.ref.kind === 'cell' ? `${p.ref.rowId}|${p.ref.column}` : p.ref.name}
            title={`${t('formulaGoTo', lang)} ${p.text[lang]}`}
            onClick={() => { if (p.ref) onFollow(p.ref); }}
          >
            {p.text[lang]}
          </button>
        ) : (
          <span key={i}>{p.text[lang]}</span>
        ),
      )}
    </code>
  );
}
