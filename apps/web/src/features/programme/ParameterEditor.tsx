import type { Problem } from '@bagui/core/errors';
import type { ParameterDefinition, RawTier } from '@bagui/core/parameters';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParameterRow } from './use-parameters';

type Edit = (definition: ParameterDefinition, raw: unknown) => readonly Problem[];

/**
 * One parameter's value as an exact input: text for amounts, rates and decimals (any spelling core
 * accepts: 500万, 15%), a slider beside a rate, a switch for a boolean, a table for tiers. A value
 * core refuses stays in the field, marked, with core's message; the scenario keeps the last valid one.
 */
export function ParameterEditor({ row, label, edit }: { readonly row: ParameterRow; readonly label: string; readonly edit: Edit }) {
  const { definition, resolved } = row;
  const display = resolved?.display ?? '';
  // Remount on a value set from elsewhere (reset, another page), so the draft starts from it.
  switch (definition.kind) {
    case 'tiers':
      return <TiersEditor key={display} definition={definition} display={display} label={label} edit={edit} />;
    case 'boolean':
      return (
        <input
          type="checkbox"
          aria-label={label}
          checked={display === 'true'}
          onChange={(e) => {
            edit(definition, e.target.checked);
          }}
        />
      );
    default:
      return <TextEditor key={display} definition={definition} display={display} label={label} edit={edit} />;
  }
}

/** What every editor of one parameter is given: the parameter, its value as shown, its label, and how to apply an edit. */
interface EditorProps {
  readonly definition: ParameterDefinition;
  readonly display: string;
  readonly label: string;
  readonly edit: Edit;
}

function TextEditor({ definition, display, label, edit }: EditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(display);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const errorId = useId();
  const change = (text: string): void => {
    setDraft(text);
    setProblems(edit(definition, text));
  };
  const invalid = problems.length > 0;
  return (
    <div className="editor">
      <input
        type="text"
        inputMode={definition.kind === 'rate' || definition.kind === 'decimal' ? 'decimal' : 'text'}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        value={draft}
        onChange={(e) => change(e.target.value)}
        spellCheck={false}
      />
      {definition.kind === 'rate' ? (
        <input
          type="range"
          min="0"
          max="1"
          step="0.005"
          aria-label={t('programme.slider', { label })}
          value={invalid ? 0 : Number(draft.endsWith('%') ? Number(draft.slice(0, -1)) / 100 : draft)}
          onChange={(e) => change(e.target.value)}
        />
      ) : null}
      {invalid ? (
        <p id={errorId} className="error" role="alert">
          {problems.map((p) => p.message).join('; ')}
        </p>
      ) : null}
    </div>
  );
}

function parseTiers(display: string): RawTier[] {
  try {
    return JSON.parse(display) as RawTier[];
  } catch {
    return [];
  }
}

/** Tiers as an editable table: a row per tier, min_intensity and rate each an exact input, checked as a whole by core. */
function TiersEditor({ definition, display, label, edit }: EditorProps) {
  const { t } = useTranslation();
  const [tiers, setTiers] = useState<RawTier[]>(() => parseTiers(display));
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const change = (next: RawTier[]): void => {
    setTiers(next);
    setProblems(edit(definition, next));
  };
  const at = (i: number, field: string): readonly Problem[] =>
    problems.filter((p) => p.location?.path?.[1] === i && (p.location.path[2] === field || p.location.path.length === 2));
  const general = problems.filter((p) => (p.location?.path?.length ?? 0) < 2);
  const fieldName = { min_intensity: t('programme.minIntensity'), rate: t('programme.rate') };
  return (
    <div className="editor">
      <table className="tiers">
        <caption>{t('programme.tiersCaption', { label })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{fieldName.min_intensity}</th>
            <th scope="col">{fieldName.rate}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {(['min_intensity', 'rate'] as const).map((field) => {
                const cellProblems = at(i, field);
                return (
                  <td key={field}>
                    <input
                      type="text"
                      inputMode="decimal"
                      aria-label={t('programme.tierField', { n: i + 1, field: fieldName[field] })}
                      aria-invalid={cellProblems.length > 0}
                      value={tier[field]}
                      onChange={(e) => change(tiers.map((x, k) => (k === i ? { ...x, [field]: e.target.value } : x)))}
                    />
                    {cellProblems.length > 0 ? (
                      <span className="error" role="alert">
                        {cellProblems.map((p) => p.message).join('; ')}
                      </span>
                    ) : null}
                  </td>
                );
              })}
              <td>
                <button type="button" onClick={() => change(tiers.filter((_, k) => k !== i))} disabled={tiers.length <= 1}>
                  {t('programme.removeTier', { n: i + 1 })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => change([...tiers, { min_intensity: tiers.at(-1)?.min_intensity ?? '0', rate: tiers.at(-1)?.rate ?? '0' }])}
      >
        {t('programme.addTier')}
      </button>
      {general.length > 0 ? (
        <p className="error" role="alert">
          {general.map((p) => p.message).join('; ')}
        </p>
      ) : null}
    </div>
  );
}
