import type { ClipboardEvent } from 'react';
import { useLang } from './use-lang';
import { moneyText } from './money';

/**
 * An amount (integer fen) as people read it — 万元 / 亿元 — with the exact yuan-and-fen value on
 * hover, to screen readers, and on the clipboard when copied.
 */
export function Money({ fen, signed = false }: { readonly fen: number; readonly signed?: boolean }) {
  const lang = useLang();
  const text = moneyText(fen, lang);
  const onCopy = (event: ClipboardEvent<HTMLElement>): void => {
    const selection = globalThis.getSelection?.()?.toString() ?? '';
    // Only when the amount alone is copied; a copied table row keeps what was selected.
    if (selection.trim() !== text.short && selection.trim() !== `+${text.short}`) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', text.copy);
  };
  return (
    <data value={text.copy} title={text.exact} className="money" onCopy={onCopy}>
      {signed && fen > 0 ? '+' : ''}
      {text.short}
    </data>
  );
}
