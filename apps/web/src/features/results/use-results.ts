import { findProgramme } from '@bagui/core/programmes';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanner } from '../../state/planner';
import { findEntry, setMethod } from '../../state/scenario-edit';
import { useEngine } from '../../state/use-engine';
import { barOption } from '../../ui/chart-options';
import { groupName, groupValue } from '../../ui/labels';
import { moneyText } from '../../ui/money';
import { useLang } from '../../ui/use-lang';

/** The groups charted when a programme has them, in this order. */
const CHARTED_GROUPS = ['city', 'industry', 'scale', 'kind', 'programme', 'centre'];

/** One programme's results, its method switch, its charts' options, and the export of every result. */
export function useResults(id: string | undefined) {
  const { t } = useTranslation();
  const lang = useLang();
  const { scenario, update } = usePlanner();
  const entry = id === undefined ? undefined : findEntry(scenario, id);
  const programme = entry === undefined ? undefined : findProgramme(entry.programme);
  const view = useEngine<'programme'>(id === undefined ? null : { kind: 'programme', scenario, programmeId: id });

  const chooseMethod = (method: string): void => {
    if (id !== undefined) update((f) => setMethod(f, id, method));
  };

  const charts = useMemo(() => {
    const v = view.value;
    if (v === undefined) return undefined;
    const distribution = barOption(
      v.histogram.map((b) => `≥${moneyText(b.lower, lang).short}`),
      [{ name: t('common.recipients'), values: v.histogram.map((b) => b.recipients), money: false }],
      lang,
    );
    const kinds = ['neither', 'cappedOnly', 'scaledOnly', 'both'] as const;
    const cappedVsScaled = barOption(
      kinds.map((k) => t(`results.${k}`)),
      [
        { name: t('common.recipients'), values: kinds.map((k) => v.cappedVsScaled[k].recipients), money: false },
        { name: t('common.awarded'), values: kinds.map((k) => v.cappedVsScaled[k].awarded), money: true },
      ],
      lang,
    );
    const groups = CHARTED_GROUPS.filter((g) => v.byGroup[g] !== undefined).map((g) => {
      const rows = (v.byGroup[g] ?? []).slice(0, 20);
      return {
        key: g,
        title: t('results.byGroup', { group: groupName(programme, g, lang) }),
        option: barOption(
          rows.map((r) => groupValue(programme, g, r.value, lang)),
          [
            { name: t('common.entitlement'), values: rows.map((r) => r.entitlement), money: true },
            { name: t('common.awarded'), values: rows.map((r) => r.awarded), money: true },
          ],
          lang,
          true,
        ),
        height: Math.max(220, rows.length * 26 + 80),
      };
    });
    return { distribution, cappedVsScaled, groups };
  }, [view.value, lang, t, programme]);

  return { entry, programme, view, chooseMethod, charts };
}
