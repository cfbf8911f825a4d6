import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/intl';
import { useLang } from '../../ui/use-lang';
import { useSaved } from './use-saved';

type Saved = ReturnType<typeof useSaved>;

/** Asks for the API key: a labelled dialog, the key kept in this browser until forgotten. */
function KeyDialog({ onKey, onCancel }: { readonly onKey: (key: string) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const heading = useId();
  const hint = useId();
  useEffect(() => {
    // The field takes the focus; when the dialog closes, the focus goes back to what opened it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => opener?.focus();
  }, []);
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const key = new FormData(event.currentTarget).get('key');
    onKey(typeof key === 'string' ? key : '');
  };
  return (
    <div
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={heading}
      aria-describedby={hint}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <form onSubmit={submit}>
        <h3 id={heading}>{t('saved.keyHeading')}</h3>
        <p id={hint}>{t('saved.keyHint')}</p>
        <label>
          {t('saved.key')}
          <input ref={input} name="key" type="password" autoComplete="off" required spellCheck={false} />
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t('saved.keyUse')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('saved.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Save, revise, share; a newer revision by someone else offered to load or overwrite; the saved scenarios, searchable. */
export function SavedPanel({ saved: s }: { readonly saved: Saved }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const link = useRef<HTMLInputElement>(null);
  /** Copies the share link; where the clipboard is not offered (a page not served over HTTPS), selects it for Ctrl+C. */
  const copy = (text: string): void => {
    const done = navigator.clipboard?.writeText(text);
    if (done === undefined) {
      link.current?.focus();
      link.current?.select();
    } else {
      done.catch(() => link.current?.select());
    }
  };
  const share = s.saved === undefined ? undefined : `${window.location.origin}/scenarios/${s.saved.id}`;
  return (
    <section aria-labelledby="saved-heading">
      <h2 id="saved-heading">{t('saved.heading')}</h2>
      <p className="muted">{t('saved.hint')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void s.save()} disabled={s.busy}>
          {s.saved === undefined ? t('saved.save') : t('saved.revise', { revision: s.saved.revision })}
        </button>
        {s.hasKey ? (
          <button type="button" onClick={s.forget}>
            {t('saved.forget')}
          </button>
        ) : null}
      </div>
      {s.asking === undefined ? null : <KeyDialog onKey={s.giveKey} onCancel={s.cancelAsking} />}
      <p role="status">
        {s.busy ? t('saved.working') : s.saved === undefined ? '' : t('saved.savedAs', { name: s.saved.name, revision: s.saved.revision })}
      </p>
      {share === undefined ? null : (
        <p className="inline-form">
          <label>
            {t('saved.share')}
            <input ref={link} type="url" readOnly value={share} size={48} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => copy(share)}>
            {t('saved.copy')}
          </button>
        </p>
      )}
      {s.saved === undefined ? null : (
        <>
          <button type="button" onClick={() => void s.showRevisions()} disabled={s.busy}>
            {t('saved.revisions')}
          </button>
          {s.revisions === undefined ? null : (
            <ol className="plain saved-list" aria-label={t('saved.revisionsOf', { name: s.saved.name })}>
              {s.revisions.map((r) => (
                <li key={r.n}>{t('saved.revisionItem', { n: r.n, when: formatDateTime(r.createdAt, lang), by: r.createdBy })}</li>
              ))}
            </ol>
          )}
        </>
      )}
      {s.conflict === undefined ? null : (
        <div role="alert" className="error">
          <p>{t('saved.conflict')}</p>
          <div className="actions">
            <button type="button" onClick={() => void s.reloadNewer()}>
              {t('saved.reloadNewer')}
            </button>
            <button type="button" onClick={() => void s.overwrite()}>
              {t('saved.overwrite')}
            </button>
          </div>
        </div>
      )}
      {s.problem === undefined ? null : (
        <p role="alert" className="error">
          {t('saved.failed', { status: s.problem.status, detail: s.problem.detail })}
        </p>
      )}
      <h3>{t('saved.listHeading')}</h3>
      <form
        className="inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void s.search(search);
        }}
      >
        <label>
          {t('saved.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit">{s.list === undefined ? t('saved.showList') : t('saved.find')}</button>
      </form>
      {s.list === undefined ? null : s.list.items.length === 0 ? (
        <p>{t('saved.none')}</p>
      ) : (
        <ul className="plain saved-list">
          {s.list.items.map((item) => (
            <li key={item.id}>
              <Link to={`/scenarios/${item.id}`}>{t('saved.openItem', { name: item.name })}</Link>{' '}
              <span className="muted">
                {t('saved.itemMeta', { revision: item.revision, when: formatDateTime(item.updatedAt, lang), by: item.createdBy })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {s.list?.next == null ? null : (
        <button type="button" onClick={() => void s.more()}>
          {t('saved.more')}
        </button>
      )}
    </section>
  );
}
