import { ENGINE_VERSION } from '@bagui/core/version';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { fetchHealth, type ApiHealth } from '../api/client';
import { rememberLang } from '../i18n';
import { useLang } from '../ui/use-lang';

const PAGES = [
  ['/', 'nav.plan'],
  ['/programme', 'nav.programme'],
  ['/applicants', 'nav.applicants'],
  ['/results', 'nav.results'],
  ['/compare', 'nav.compare'],
  ['/sweep', 'nav.sweep'],
  ['/scenarios', 'nav.scenarios'],
] as const;

/** Every page's frame: a skip link, the navigation, the language switch, the engine and API status. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const [health, setHealth] = useState<ApiHealth | null | undefined>(undefined);
  useEffect(() => {
    void fetchHealth().then((h) => setHealth(h ?? null));
  }, []);
  useEffect(() => {
    document.title = t('app.title');
  }, [t, lang]);

  const switchLang = (): void => {
    const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
    rememberLang(next);
    void i18n.changeLanguage(next);
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">{t('app.title')}</p>
        <nav aria-label={t('app.nav')}>
          <ul>
            {PAGES.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'}>
                  {t(key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          className="lang"
          onClick={switchLang}
          aria-label={t('app.switchToLabel')}
          lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
        >
          {t('app.switchTo')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="bottom">
        <span>{t('app.engine', { version: ENGINE_VERSION })}</span>
        {health === undefined ? null : health === null ? (
          <span>{t('app.apiDown')}</span>
        ) : health.engine_version === ENGINE_VERSION ? (
          <span>{t('app.apiOk', { version: health.engine_version })}</span>
        ) : (
          <span role="alert">{t('app.apiMismatch', { api: health.engine_version, web: ENGINE_VERSION })}</span>
        )}
      </footer>
    </>
  );
}
