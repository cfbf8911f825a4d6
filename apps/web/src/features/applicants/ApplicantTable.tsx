import type { Programme } from '@bagui/core/programmes';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeView } from '../../engine/protocol';
import { formatCount, formatShare } from '../../ui/intl';
import { groupName, groupValue } from '../../ui/labels';
import { MoneyCell } from '../../ui/FigureTable';
import { useLang } from '../../ui/use-lang';
import { shareOf, type SortKey } from './use-applicants';

const ROW_HEIGHT = 36;

/**
 * Every recipient in a virtualised table: only the rows in view are in the page, so 100,000 rows
 * scroll as smoothly as 100. Headers sort; each id is a button that opens the recipient's
 * explanation.
 */
export function ApplicantTable({
  view,
  programme,
  order,
  sort,
  onSort,
  onExplain,
  stale,
}: {
  readonly view: ProgrammeView;
  readonly programme: Programme | undefined;
  readonly order: Int32Array;
  readonly sort: { readonly key: SortKey; readonly descending: boolean };
  readonly onSort: (key: SortKey) => void;
  readonly onExplain: (index: number) => void;
  readonly stale: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const groupKeys = Object.keys(view.groups);
  const columns: { key: SortKey; label: string; numeric: boolean }[] = [
    { key: 'id', label: t('applicants.id'), numeric: false },
    ...groupKeys.map((g) => ({ key: `group:${g}` as SortKey, label: groupName(programme, g, lang), numeric: false })),
    { key: 'entitlement', label: t('common.entitlement'), numeric: true },
    { key: 'award', label: t('common.awarded'), numeric: true },
  ];
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const width = columns.length + 2;
  return (
    <>
      <p className="muted" aria-live="polite">
        {t('applicants.rows', { shown: formatCount(order.length, lang), total: formatCount(view.ids.length, lang) })}
      </p>
      <div
        ref={scroller}
        className={stale ? 'scroller is-stale' : 'scroller'}
        tabIndex={0}
        role="region"
        aria-label={t('applicants.scroller')}
      >
        <table className="figures applicants" aria-rowcount={order.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() => onSort(c.key)}
                    aria-label={t('applicants.sortBy', { column: c.label })}
                  >
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col" className="num">
                {t('applicants.share')}
              </th>
              <th scope="col">{t('applicants.capped')}</th>
            </tr>
          </thead>
          <tbody>
            {top > 0 ? (
              <tr aria-hidden="true" style={{ height: top }}>
                <td colSpan={width} />
              </tr>
            ) : null}
            {items.map((item) => {
              const i = order[item.index] ?? 0;
              const id = view.ids[i] ?? '';
              return (
                <tr key={item.key} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  <td>
                    <button type="button" className="link" onClick={() => onExplain(i)} aria-label={t('applicants.explain', { id })}>
                      {id}
                    </button>
                  </td>
                  {groupKeys.map((g) => (
                    <td key={g}>{groupValue(programme, g, view.groups[g]?.[i], lang)}</td>
                  ))}
                  <MoneyCell fen={view.entitlements[i] ?? 0} />
                  <MoneyCell fen={view.awards[i] ?? 0} />
                  <td className="num">{formatShare(shareOf(view, i), lang)}</td>
                  <td>{view.capped[i] === 1 ? t('common.yes') : ''}</td>
                </tr>
              );
            })}
            {bottom > 0 ? (
              <tr aria-hidden="true" style={{ height: bottom }}>
                <td colSpan={width} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
