import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

/** The planner's languages: Chinese by default whatever the browser says, English only by choice. */
export type Lang = 'zh-CN' | 'en';
const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const STORAGE_KEY = 'bagui.lang';

/** The language a person chose before (localStorage), else Chinese. */
export function storedLang(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Lang {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be refused (privacy settings): the default stands.
  }
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function rememberLang(lang: Lang, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, still switched.
  }
}

/** A ready i18next instance in `lang`; the page's <html lang> follows it. */
export function createI18n(lang: Lang = storedLang()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    supportedLngs: [...LANGS],
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  const follow = (l: string): void => {
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  };
  follow(lang);
  instance.on('languageChanged', follow);
  return instance;
}

/** The current language of a `t`'s instance, as a Lang. */
export function asLang(language: string | undefined): Lang {
  return language === 'en' ? 'en' : 'zh-CN';
}
