import { useState } from 'react';
import type { Lang } from '@shopplan/schema';
import { formatNumber, parseNumberInput, type NumberUnit } from '../../number/index.ts';

/**
 * A number a planner types in the builder (2.5%, 1,200, ¥160, 1.2万): shown
 * formatted, edited as text, committed on Enter or when focus leaves. Text
 * that is not a number stays in the box with its message and commits
 * nothing. An optional field may be emptied (commits undefined).
 */
export function NumberField(props: {
  value: number | undefined;
  /** The value in the plan when `value` shows a preview (a share moving while another is typed). */
  committed?: number;
  unit: NumberUnit;
  lang: Lang;
  testId: string;
  label: string;
  optional?: boolean;
  disabled?: boolean;
  /** Called on every keystroke with the value typed so far (for shares moving as they are typed). */
  onDraft?: (value: number | undefined) => void;
  onCommit: (value: number | undefined) => void;
}) {
  const { value, unit, lang, testId, label, optional, disabled, onDraft, onCommit } = props;
  const committed = 'committed' in props ? props.committed : value;
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = value === undefined ? '' : formatNumber(value, unit, lang, { compact: false });

  const commit = () => {
    if (text === null) return;
    if (text.trim() === '' && optional) {
      setText(null);
      setError(null);
      if (committed !== undefined) onCommit(undefined);
      return;
    }
    const parsed = parseNumberInput(text, unit);
    if (!parsed.ok) {
      setError(parsed.message[lang]);
      return;
    }
    setText(null);
    setError(null);
    if (parsed.value !== committed) onCommit(parsed.value);
    else onDraft?.(undefined);
  };

  return (
    <label className={`builder-field${error ? ' invalid' : ''}`}>
      <span className="builder-label">{label}</span>
      <input
        type="text"
        inputMode="decimal"
        data-testid={testId}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        disabled={disabled}
        value={text ?? shown}
        onFocus={() => setText(shown)}
        onChange={(e) => {
          setText(e.target.value);
          if (onDraft) {
            const p = parseNumberInput(e.target.value, unit);
            onDraft(p.ok ? p.value : undefined);
          }
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(null);
            setError(null);
            onDraft?.(undefined);
          }
        }}
      />
      {error && <span className="builder-error" data-testid={`${testId}-error`}>{error}</span>}
    </label>
  );
}

/** A text (a name, a shop) committed on Enter or when focus leaves; empty text is not committed. */
export function TextField(props: { value: string; testId: string; label: string; onCommit: (text: string) => void; type?: 'text' | 'date' }) {
  const { value, testId, label, onCommit, type } = props;
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const v = text.trim();
    setText(null);
    if (v !== '' && v !== value) onCommit(v);
  };
  return (
    <label className="builder-field">
      <span className="builder-label">{label}</span>
      <input
        type={type ?? 'text'}
        data-testid={testId}
        aria-label={label}
        value={text ?? value}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setText(null); }}
      />
    </label>
  );
}
