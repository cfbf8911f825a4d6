import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePlanner } from '../state/planner';
import { entryId } from '../state/scenario-edit';
import { programmeName } from './labels';
import { useLang } from './use-lang';

/** The programme a page is about (from the URL), defaulting to the R&D incentive, else the first. */
export function useProgrammeId(param: string | undefined): string | undefined {
  const { scenario } = usePlanner();
  const ids = scenario.programmes.map(entryId);
  if (param !== undefined && ids.includes(param)) return param;
  return ids.find((id) => scenario.programmes.find((p) => entryId(p) === id)?.programme === 'rd_incentive') ?? ids[0];
}

/** Chooses which programme of the scenario a page shows; the choice is the page's URL. */
export function ProgrammePicker({ current, base }: { readonly current: string; readonly base: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { scenario } = usePlanner();
  return (
    <label className="picker">
      {t('common.choose')}
      <select value={current} onChange={(e) => void navigate(`${base}/${e.target.value}`)}>
        {scenario.programmes.map((p) => (
          <option key={entryId(p)} value={entryId(p)}>
            {programmeName(p.programme, lang)}
            {p.id === undefined ? '' : ` (${p.id})`}
          </option>
        ))}
      </select>
    </label>
  );
}
