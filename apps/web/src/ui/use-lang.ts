import { useTranslation } from 'react-i18next';
import { asLang, type Lang } from '../i18n';

/** The planner's current language. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return asLang(i18n.language);
}
