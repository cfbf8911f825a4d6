import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../i18n';
import { citationText } from '../../ui/citations';
import { formatDate, formatShare } from '../../ui/intl';
import { Money } from '../../ui/Money';
import { useLang } from '../../ui/use-lang';
import type { Arg, Phrase } from './trace-words';

type T = (key: string, options?: Record<string, string>) => string;

/** A decimal for people (display only): grouped, at most `digits` decimals. */
function decimalText(text: string, lang: Lang, digits: number): string {
  const n = Number(text);
  return Number.isFinite(n) ? new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n) : text;
}

/** An argument that reads as text (every kind but an amount, which is a <Money>). */
function argText(arg: Exclude<Arg, { kind: 'money' }>, t: T, lang: Lang): string {
  switch (arg.kind) {
    case 'approxYuan':
      return t('branch.approxYuan', { value: decimalText(arg.text.replace(/^≈/u, ''), lang, 2) });
    case 'rate':
      return formatShare(arg.text, lang);
    case 'count':
      return decimalText(arg.text, lang, 6);
    case 'date':
      return formatDate(arg.iso, lang);
    case 'word':
      return t(arg.key);
    case 'text':
      return arg.text;
    case 'citation':
      return citationText(arg.text, lang);
  }
}

/** One value of a trace: an amount (万元 / 亿元, exact on hover and copy) or its words. */
export function ArgView({ arg }: { readonly arg: Arg }) {
  const { t } = useTranslation();
  const lang = useLang();
  return arg.kind === 'money' ? <Money fen={arg.fen} /> : <>{argText(arg, t as T, lang)}</>;
}

const MARK = /\uE000(\d+)\uE000/u;

/** One catalogue phrase, its amounts as <Money> inside the sentence. */
function PhraseView({ phrase }: { readonly phrase: Phrase }) {
  const { t } = useTranslation();
  const lang = useLang();
  const values: Record<string, string> = {};
  const amounts: ReactNode[] = [];
  for (const [name, arg] of Object.entries(phrase.args)) {
    if (arg.kind === 'money') {
      values[name] = `\uE000${amounts.length}\uE000`;
      amounts.push(<Money fen={arg.fen} />);
    } else {
      values[name] = argText(arg, t as T, lang);
    }
  }
  const sentence = (t as T)(`branch.${phrase.key}`, values);
  return (
    <>
      {sentence.split(MARK).map((piece, i) => (
        <Fragment key={i}>{i % 2 === 1 ? amounts[Number(piece)] : piece}</Fragment>
      ))}
    </>
  );
}

/** Phrases in a row, separated as the language separates clauses. */
export function Phrases({ phrases }: { readonly phrases: readonly Phrase[] }) {
  const lang = useLang();
  return (
    <>
      {phrases.map((phrase, i) => (
        <Fragment key={i}>
          {i === 0 ? '' : lang === 'zh-CN' ? '；' : '; '}
          <PhraseView phrase={phrase} />
        </Fragment>
      ))}
    </>
  );
}
