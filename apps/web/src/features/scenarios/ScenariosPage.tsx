import { ALLOCATION_METHODS } from '@bagui/core/allocation';
import { findProgramme, programmeRegistry } from '@bagui/core/programmes';
import { BUILTIN_SCENARIOS } from '@bagui/core/scenario';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  addSource,
  entryId,
  removeSource,
  setCitation,
  setEnvelope,
  setFunding,
  setMethod,
  setProgrammeDate,
  setReform,
  setScenarioField,
  setSource,
  type Override,
} from '../../state/scenario-edit';
import { citationText } from '../../ui/citations';
import { formatCount } from '../../ui/intl';
import { programmeName } from '../../ui/labels';
import { ExportButtons } from '../../ui/ExportButtons';
import { Figures } from '../../ui/Figures';
import { OverridesEditor } from '../../ui/OverridesEditor';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { SavedPanel } from './SavedPanel';
import { useSaved } from './use-saved';
import { useScenarioFile } from './use-scenario-file';

/** Open a built-in or a file, edit every part of the scenario, run it, download it for `bagui run`, export its results. */
export default function ScenariosPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { scenario, update, state, opened, openBuiltin, openFile, downloadScenario, downloadable, downloadApplicants, files } =
    useScenarioFile();
  const saved = useSaved();
  const { savedId } = useParams();
  const navigate = useNavigate();
  // A share URL (/scenarios/s_…) opens its saved scenario once; a save gives the page its URL.
  const asked = useRef<string | undefined>(undefined);
  const current = saved.saved?.id;
  useEffect(() => {
    if (savedId !== undefined && savedId !== current) {
      if (asked.current === savedId) return;
      asked.current = savedId;
      void saved.open(savedId);
    } else if (savedId === undefined && current !== undefined) {
      asked.current = current;
      void navigate(`/scenarios/${current}`, { replace: true });
    }
  }, [savedId, current, saved, navigate]);
  /** A built-in or a file opened here is a new scenario: the page leaves the saved one's URL. */
  const leaveSaved = (): void => {
    if (savedId !== undefined) void navigate('/scenarios', { replace: true });
  };
  const keys = [...new Set(scenario.programmes.map((p) => p.programme))].filter((k) => findProgramme(k) !== undefined);
  const allDefinitions = keys.flatMap((k) => programmeRegistry(k).definitions());
  const asOverrides = (list: readonly { path: string; value: unknown; from?: string | undefined }[] | undefined): Override[] => [
    ...(list ?? []),
  ];
  return (
    <>
      <h1>{t('scenarios.heading')}</h1>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t('scenarios.builtins')}</h2>
        <ul className="plain">
          {BUILTIN_SCENARIOS.map((s) => (
            <li key={s.name}>
              <button
                type="button"
                onClick={() => {
                  openBuiltin(s.name);
                  leaveSaved();
                }}
              >
                {t('scenarios.open')} {citationText(s.title, lang)}
              </button>
            </li>
          ))}
        </ul>
        <label className="button">
          {t('scenarios.openFile')}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) void openFile(file).then(leaveSaved);
              e.target.value = '';
            }}
          />
        </label>
        {opened?.title === undefined ? null : <p role="status">{t('scenarios.opened', { title: citationText(opened.title, lang) })}</p>}
        {opened?.error === undefined ? null : (
          <p role="alert" className="error">
            {opened.error}
          </p>
        )}
      </section>

      <section aria-labelledby="run-heading">
        <h2 id="run-heading">{t('scenarios.run')}</h2>
        <Status stale={state.stale} ms={state.ms} />
        {state.problems === undefined ? null : <ProblemTable problems={state.problems} />}
        {state.value === undefined ? null : (
          <Figures
            stale={state.stale}
            figures={[
              { label: t('common.envelope'), fen: state.value.totals.envelope },
              { label: t('common.awarded'), fen: state.value.totals.awarded },
              { label: t('common.unallocated'), fen: state.value.totals.unallocated },
              { label: t('common.recipients'), text: formatCount(state.value.totals.recipients, lang) },
            ]}
          />
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={downloadScenario}>
            {t('scenarios.download')}
          </button>
          {downloadable.map((f) => (
            <button key={f.path} type="button" onClick={() => downloadApplicants(f.path)}>
              {t('scenarios.downloadApplicants', { path: f.path })}
            </button>
          ))}
        </div>
        <ExportButtons />
        <p className="muted">{t('scenarios.downloadHint')}</p>
      </section>

      <SavedPanel saved={saved} />

      <section aria-labelledby="general-heading">
        <h2 id="general-heading">{t('scenarios.general')}</h2>
        <div className="form-grid">
          <label>
            {t('scenarios.name')}
            <input type="text" value={scenario.name} onChange={(e) => update((f) => setScenarioField(f, 'name', e.target.value))} />
          </label>
          <label>
            {t('scenarios.title')}
            <input type="text" value={scenario.title} onChange={(e) => update((f) => setScenarioField(f, 'title', e.target.value))} />
          </label>
          <label>
            {t('scenarios.date')}
            <input type="date" value={scenario.date} onChange={(e) => update((f) => setScenarioField(f, 'date', e.target.value))} />
          </label>
          <label className="wide">
            {t('scenarios.description')}
            <textarea
              rows={3}
              value={scenario.description ?? ''}
              onChange={(e) => update((f) => setScenarioField(f, 'description', e.target.value))}
            />
          </label>
        </div>
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t('scenarios.sources')}</h2>
        <table className="edit-table">
          <thead>
            <tr>
              <th scope="col">{t('scenarios.sourceKey')}</th>
              <th scope="col">{t('scenarios.labelZh')}</th>
              <th scope="col">{t('scenarios.labelEn')}</th>
              <th scope="col">{t('common.citation')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {scenario.sources.map((s, i) => (
              <tr key={i}>
                {(
                  [
                    ['key', s.key, 'scenarios.sourceKey'],
                    ['zh', s.label.zh, 'scenarios.labelZh'],
                    ['en', s.label.en, 'scenarios.labelEn'],
                    ['citation', s.citation, 'common.citation'],
                  ] as const
                ).map(([field, value, label]) => (
                  <td key={field}>
                    <input
                      type="text"
                      aria-label={`${t(label)} ${i + 1}`}
                      aria-describedby={
                        field === 'citation' && citationText(value, lang) !== value ? `citation-shown-source-${i}` : undefined
                      }
                      value={value}
                      onChange={(e) => update((f) => setSource(f, i, field, e.target.value))}
                    />
                    {field === 'citation' ? <CitationShown id={`citation-shown-source-${i}`} text={value} /> : null}
                  </td>
                ))}
                <td>
                  <button type="button" onClick={() => update((f) => removeSource(f, i))}>
                    {t('common.remove')} {s.key}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => update(addSource)}>
          {t('common.add')}
        </button>
      </section>

      <section aria-labelledby="programmes-heading">
        <h2 id="programmes-heading">{t('scenarios.programmes')}</h2>
        {scenario.programmes.map((p) => {
          const id = entryId(p);
          const name = programmeName(p.programme, lang);
          const programme = findProgramme(p.programme);
          return (
            <fieldset key={id} className="programme-entry">
              <legend>
                {name} <code>{id}</code>
              </legend>
              <div className="form-grid">
                <label>
                  {t('common.envelope')} · {name}
                  <input type="text" value={String(p.envelope)} onChange={(e) => update((f) => setEnvelope(f, id, e.target.value))} />
                </label>
                <label>
                  {t('common.method')} · {name}
                  <select
                    value={p.method ?? programme?.defaultMethod ?? ''}
                    onChange={(e) => update((f) => setMethod(f, id, e.target.value))}
                  >
                    {(programme?.methods ?? ALLOCATION_METHODS).map((m) => (
                      <option key={m} value={m}>
                        {t(`method.${m}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('common.date')} · {name}
                  <input type="date" value={p.date ?? ''} onChange={(e) => update((f) => setProgrammeDate(f, id, e.target.value))} />
                </label>
                <label className="wide">
                  {t('common.citation')} · {name}
                  <input
                    type="text"
                    value={p.citation}
                    aria-describedby={citationText(p.citation, lang) === p.citation ? undefined : `citation-shown-${id}`}
                    onChange={(e) => update((f) => setCitation(f, id, e.target.value))}
                  />
                </label>
                <CitationShown id={`citation-shown-${id}`} text={p.citation} />
              </div>
              <fieldset>
                <legend>{t('scenarios.funding')}</legend>
                <div className="form-grid">
                  {scenario.sources.map((s) => (
                    <label key={s.key}>
                      {lang === 'zh-CN' ? s.label.zh : s.label.en} · {name}
                      <input
                        type="text"
                        value={p.funding[s.key] === undefined ? '' : String(p.funding[s.key])}
                        onChange={(e) => update((f) => setFunding(f, id, s.key, e.target.value))}
                      />
                    </label>
                  ))}
                </div>
              </fieldset>
              <p>
                {t('scenarios.applicants')}:{' '}
                {p.applicants.generate !== undefined
                  ? `${t('scenarios.generated')} ${formatCount(p.applicants.generate.count, lang)} / seed ${p.applicants.generate.seed}`
                  : p.applicants.file !== undefined
                    ? `${t('scenarios.file')} ${p.applicants.file}`
                    : t('scenarios.records')}{' '}
                <Link to={`/applicants/${id}`}>{t('nav.applicants')}</Link>
              </p>
              {p.applicants.file !== undefined && !files.some((f) => f.path === p.applicants.file) ? (
                <p className="error">{t('scenarios.needFile', { path: p.applicants.file })}</p>
              ) : null}
              <OverridesEditor
                label={t('scenarios.programmeReform', { name })}
                overrides={asOverrides(p.reform)}
                definitions={programme === undefined ? [] : programmeRegistry(programme.key).definitions()}
                onChange={(reform) => update((f) => setReform(f, id, reform))}
                dated
              />
            </fieldset>
          );
        })}
      </section>

      <section aria-labelledby="reform-heading">
        <h2 id="reform-heading">{t('scenarios.scenarioReform')}</h2>
        <OverridesEditor
          label={t('scenarios.scenarioReform')}
          overrides={asOverrides(scenario.reform)}
          definitions={allDefinitions}
          onChange={(reform) => update((f) => setReform(f, null, reform))}
          dated
        />
      </section>
    </>
  );
}

/** A built-in citation as the planner says it, under its field (which keeps core's text as the file has it); nothing for any other text. */
function CitationShown({ id, text }: { readonly id: string; readonly text: string }) {
  const lang = useLang();
  const shown = citationText(text, lang);
  return shown === text ? null : (
    <small id={id} className="muted wide citation-shown">
      {shown}
    </small>
  );
}
