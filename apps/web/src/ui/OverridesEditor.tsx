import type { ParameterDefinition } from '@bagui/core/parameters';
import { useTranslation } from 'react-i18next';
import type { Override } from '../state/scenario-edit';
import { useLang } from './use-lang';

/**
 * A list of parameter changes (a reform): each a parameter chosen from `definitions`, a value in
 * any spelling core accepts, and optionally the date it takes effect. Checked by core in the
 * worker; its problems are shown at their JSON paths by the page.
 */
export function OverridesEditor({
  label,
  overrides,
  definitions,
  onChange,
  dated = false,
}: {
  readonly label: string;
  readonly overrides: readonly Override[];
  readonly definitions: readonly ParameterDefinition[];
  readonly onChange: (next: Override[]) => void;
  readonly dated?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = (i: number, patch: Partial<Override>): void =>
    onChange(
      overrides.map((o, k) => {
        if (k !== i) return o;
        const next = { ...o, ...patch };
        if (next.from === '' || next.from === undefined) {
          const { from: _drop, ...rest } = next;
          return rest;
        }
        return next;
      }),
    );
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  return (
    <fieldset className="overrides">
      <legend>{label}</legend>
      {overrides.map((o, i) => (
        <div key={i} className="override">
          <label>
            {t('compare.path')} {i + 1}
            <select value={o.path} onChange={(e) => set(i, { path: e.target.value })}>
              {definitions.some((d) => d.path === o.path) ? null : <option value={o.path}>{o.path}</option>}
              {definitions.map((d) => (
                <option key={d.path} value={d.path}>
                  {lang === 'zh-CN' ? d.label.zh : d.label.en} — {d.path}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('compare.value')} {i + 1}
            <input type="text" value={text(o.value)} spellCheck={false} onChange={(e) => set(i, { value: e.target.value })} />
          </label>
          {dated ? (
            <label>
              {t('scenarios.from')} {i + 1}
              <input type="date" value={o.from ?? ''} onChange={(e) => set(i, { from: e.target.value })} />
            </label>
          ) : null}
          <button type="button" onClick={() => onChange(overrides.filter((_, k) => k !== i))}>
            {t('common.remove')} {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          const first = definitions[0];
          if (first !== undefined) onChange([...overrides, { path: first.path, value: '' }]);
        }}
      >
        {t('compare.addOverride')}
      </button>
    </fieldset>
  );
}
