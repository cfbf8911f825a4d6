import { DIGITAL_SUBSIDY_2021 } from '../programmes/digital-subsidy/programme.js';
import { formatJson } from '../money/index.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, quota, wholeYuan } from './draw.js';
import type { Population } from './population.js';

/**
 * Applicants of the Huawei–Nanning centre (centre `nanning`), whose 3000万 paid in May 2021 reached
 * 237 enterprises and 9 universities (letter 一(三)四): enterprises and universities in that
 * proportion. Resource requests 2万–40万, cash requests 1万–20万 for enterprises and 1万–12万
 * for universities (log-uniform, whole yuan; ⚠ ours: the centres' rules are not public).
 */
export const digitalSubsidyPopulation: Population = {
  key: 'digital_subsidy',
  noun: 'applicant',
  defaultCount: DIGITAL_SUBSIDY_2021.enterprises + DIGITAL_SUBSIDY_2021.universities,
  maxCount: 1_000_000,
  calibration:
    '246 applicants: 237 enterprises and 9 universities (letter 一(三)四; ⚠ our reading: the letter says the resource services ' +
    'reached them and that 3000万 was paid, not that the 3000万 went to these 246); ⚠ amounts ours: at seed 2021 3102万 of ' +
    'entitlements, within 4% of the 3000万 paid',
  header: 'id,name,kind,centre,resource_requested,cash_requested,city',
  rows(count, seed) {
    const d = draw(seed);
    const { enterprises, universities } = DIGITAL_SUBSIDY_2021;
    const kinds = quota(
      d,
      count,
      [
        ['university', universities],
        ['enterprise', enterprises],
      ],
      enterprises + universities,
    );
    return chunked(count, (i) => {
      const id = rowId('DS', i, count);
      const kind = kinds[i] ?? 'enterprise';
      const resource = wholeYuan(d.logUniform(2_000_000, 40_000_000));
      const cash = wholeYuan(d.logUniform(1_000_000, kind === 'university' ? 12_000_000 : 20_000_000));
      return csvLine([
        id,
        `${kind === 'university' ? '高校' : '企业'} ${id}`,
        kind,
        'nanning',
        formatJson(resource),
        formatJson(cash),
        d.city(),
      ]);
    });
  },
};
