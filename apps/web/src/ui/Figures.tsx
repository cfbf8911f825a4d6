import { useId } from 'react';
import { Money } from './Money';

export interface Figure {
  readonly label: string;
  /** Integer fen, shown by Money; or text (a count) as it is. */
  readonly fen?: number;
  readonly text?: string;
}

/** Headline figures, each a group named by its label (so a screen reader, or a test, finds "已分配" and its amount). */
export function Figures({ figures, stale = false }: { readonly figures: readonly Figure[]; readonly stale?: boolean }) {
  const id = useId();
  return (
    <div className={stale ? 'totals is-stale' : 'totals'}>
      {figures.map((f, k) => (
        <div key={f.label} role="group" aria-labelledby={`${id}-${k}`}>
          <span id={`${id}-${k}`} className="label">
            {f.label}
          </span>
          <span className="value">{f.fen === undefined ? f.text : <Money fen={f.fen} />}</span>
        </div>
      ))}
    </div>
  );
}
