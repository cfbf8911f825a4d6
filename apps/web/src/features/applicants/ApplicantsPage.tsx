import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ProgrammePicker, useProgrammeId } from '../../ui/ProgrammePicker';
import { DropZone } from '../../ui/DropZone';
import { formatCount } from '../../ui/intl';
import { programmeName } from '../../ui/labels';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { ApplicantTable } from './ApplicantTable';
import { TracePanel } from './TracePanel';
import { useApplicants, useRows, type Filter, type SortKey } from './use-applicants';

/** A programme's applicants: import a file or generate a population; every recipient's outcome; its explanation. */
export default function ApplicantsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useProgrammeId(useParams().id);
  const { entry, programme, view, importing, importFile, generate } = useApplicants(id);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'award', descending: true });
  const [explained, setExplained] = useState<number | undefined>();
  const opener = useRef<HTMLElement | null>(null);
  const order = useRows(view.value, search, filter, sort);
  if (id === undefined || entry === undefined) return <h1>{t('applicants.heading')}</h1>;

  const applicants = entry.applicants;
  const source =
    applicants.generate !== undefined
      ? t('applicants.sourceGenerate', { count: formatCount(applicants.generate.count, lang), seed: applicants.generate.seed })
      : applicants.file !== undefined
        ? t('applicants.sourceFile', { path: applicants.file })
        : t('applicants.sourceRecords');
  const onGenerate = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    generate(Number(data.get('count')), Number(data.get('seed')));
  };
  const explain = (i: number): void => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setExplained(i);
  };
  const close = (): void => {
    setExplained(undefined);
    opener.current?.focus();
  };
  const onSort = (key: SortKey): void =>
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: key === 'award' || key === 'entitlement' }));

  return (
    <div className={explained === undefined ? 'with-panel' : 'with-panel open'}>
      <div className="main-column">
        <h1>
          {t('applicants.heading')} · {programme === undefined ? id : programmeName(programme.key, lang)}
        </h1>
        <ProgrammePicker current={id} base="/applicants" />
        <p>{t('applicants.current', { source })}</p>
        <div className="two-up">
          <section aria-labelledby="import-heading">
            <h2 id="import-heading">{t('applicants.import')}</h2>
            <DropZone onFile={(file) => void importFile(file)} label={t('applicants.import')} />
            {importing?.sheets !== undefined && importing.sheets.length > 1 ? (
              <label className="inline-form">
                {t('applicants.sheet')}
                <select value={importing.sheet ?? ''} onChange={(e) => void importFile(importing.file, e.target.value)}>
                  {importing.sheet === undefined ? <option value="">{t('applicants.chooseSheet')}</option> : null}
                  {importing.sheets.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {importing === undefined ? null : importing.problems !== undefined ? (
              <ProblemTable problems={importing.problems} file />
            ) : importing.count !== undefined ? (
              <p role="status">
                {t('applicants.loaded', { name: importing.name, count: formatCount(importing.count, lang) })}
                {importing.sheet === undefined ? null : t('applicants.fromSheet', { sheet: importing.sheet })}
                {importing.encoding === undefined ? null : t('applicants.encoding', { encoding: importing.encoding.toUpperCase() })}
              </p>
            ) : (
              <p role="status">{t('applicants.reading', { name: importing.name })}</p>
            )}
          </section>
          <section aria-labelledby="generate-heading">
            <h2 id="generate-heading">{t('applicants.generate')}</h2>
            <p className="muted">{t('applicants.generateHint')}</p>
            <form onSubmit={onGenerate} className="inline-form">
              <label>
                {t('applicants.count')}
                <input name="count" type="number" min="0" step="1" required defaultValue={applicants.generate?.count ?? 1000} />
              </label>
              <label>
                {t('applicants.seed')}
                <input name="seed" type="number" min="0" step="1" required defaultValue={applicants.generate?.seed ?? 2021} />
              </label>
              <button type="submit">{t('applicants.generateButton')}</button>
            </form>
          </section>
        </div>
        <section aria-labelledby="table-heading">
          <h2 id="table-heading">{t('applicants.table')}</h2>
          <Status stale={view.stale} ms={view.ms} />
          {view.problems === undefined ? null : <ProblemTable problems={view.problems} />}
          <div className="inline-form">
            <label>
              {t('applicants.search')}
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <label>
              {t('applicants.filter')}
              <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                <option value="all">{t('applicants.all')}</option>
                <option value="funded">{t('applicants.fundedOnly')}</option>
                <option value="unfunded">{t('applicants.unfunded')}</option>
                <option value="capped">{t('applicants.cappedOnly')}</option>
              </select>
            </label>
          </div>
          {view.value === undefined ? null : (
            <ApplicantTable
              view={view.value}
              programme={programme}
              order={order}
              sort={sort}
              onSort={onSort}
              onExplain={explain}
              stale={view.stale}
            />
          )}
        </section>
      </div>
      {explained === undefined || view.value === undefined ? null : (
        <TracePanel programmeId={id} programme={programme} index={explained} id={view.value.ids[explained] ?? ''} onClose={close} />
      )}
    </div>
  );
}
