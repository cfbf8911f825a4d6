import { findProgramme, type Programme } from '@bagui/core/programmes';
import type { ScenarioFile } from '@bagui/core/scenario';
import type { Lang } from '../i18n';

/** A programme's name as the letter writes it (core's catalogue); in English, the English name. */
export function programmeName(key: string, lang: Lang): string {
  const programme = findProgramme(key);
  if (programme === undefined) return key;
  return lang === 'zh-CN' ? programme.label.zh : programme.label.en;
}

/** A funding source's name from the scenario file, in the language. */
export function sourceName(file: ScenarioFile, key: string, lang: Lang): string {
  const source = file.sources.find((s) => s.key === key);
  if (source === undefined) return key;
  return lang === 'zh-CN' ? source.label.zh : source.label.en;
}

/** A group column's name (city, scale, …): the applicant field's Chinese header, or its English name in words. */
export function groupName(programme: Programme | undefined, key: string, lang: Lang): string {
  const field = programme?.applicantFields.find((f) => f.name === key);
  if (lang === 'zh-CN' && field !== undefined) return field.zh;
  return key.replace(/_/gu, ' ');
}

/** A group value for people: choices in Chinese, scale as 规上/规下, booleans as 是/否. */
export function groupValue(programme: Programme | undefined, key: string, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'zh-CN' ? '（未填）' : '(none)';
  const field = programme?.applicantFields.find((f) => f.name === key);
  const choice = field?.choices?.find((c) => c.value === value);
  if (choice !== undefined) return lang === 'zh-CN' ? choice.zh : choice.value;
  if (field?.kind === 'scale')
    return lang === 'zh-CN' ? (value === 'above' ? '规上' : '规下') : value === 'above' ? 'above scale' : 'below scale';
  if (field?.kind === 'boolean') return lang === 'zh-CN' ? (value === 'true' ? '是' : '否') : value === 'true' ? 'yes' : 'no';
  return value;
}

/** True where a figure rests on our assumption: its citation says so with ⚠. */
export const isAssumption = (citation: string): boolean => citation.includes('⚠');
