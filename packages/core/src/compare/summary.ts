import type { Decimal } from 'decimal.js';
import type { Rate } from '../exact/index.js';
import { formatEn, formatZh, type Fen } from '../money/index.js';
import {
  parseParameterValue,
  type ParameterKind,
  type ParameterSet,
  type ParameterValue,
  type ResolvedParameter,
  type Tier,
} from '../parameters/index.js';
import type { Reform } from './reform.js';

/** One parameter a reform changes, read against the baseline before anything runs. */
export interface ReformChange {
  readonly path: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Where the baseline value comes from (letter section or public source). */
  readonly source: string;
  /** True where the parameter is our assumption (⚠). */
  readonly assumption: boolean;
  /** The layer that sets it. */
  readonly layer: string;
  /** The baseline value and the reform's, in canonical spelling (`5000000.00`, `0.15`). */
  readonly baseline: string;
  readonly reform: string;
  /** A dated override: in force from this date (and not on the baseline's date if later). */
  readonly from?: string;
  readonly inForce: boolean;
  readonly text: { readonly zh: string; readonly en: string };
}

export interface ReformSummary {
  readonly name: string;
  readonly description?: string;
  readonly hash: string;
  readonly key: string;
  readonly date: string;
  readonly changes: readonly ReformChange[];
  /** The summary as lines to print: a heading, the description, then one line per change. */
  readonly text: { readonly zh: readonly string[]; readonly en: readonly string[] };
}

/**
 * A reform in plain words, in zh and en: every parameter it sets, the baseline value → the
 * reform's, the change, and the baseline value's source. Only the overrides of parameters the
 * baseline holds are read (at scenario level, one programme's at a time).
 */
export function summarizeReform(reform: Reform, baseline: ParameterSet): ReformSummary {
  const held = new Map(baseline.all().map((p) => [p.definition.path, p]));
  const changes: ReformChange[] = [];
  reform.overrides.forEach((o, i) => {
    const base = held.get(o.path);
    if (base === undefined) return;
    changes.push(describeChange(base, o.value, reform.layerOf[i] ?? reform.name, o.from, baseline.date));
  });
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const en = [
    `Reform "${reform.name}" (key ${reform.key}): ${count(changes.length, 'change', 'changes')} to the parameters in force on ${baseline.date}`,
    ...(reform.description === undefined ? [] : [reform.description]),
    ...changes.map((c) => c.text.en),
  ];
  const zh = [
    `改革方案“${reform.name}”（键 ${reform.key}）：对 ${baseline.date} 适用参数的 ${changes.length} 项改动`,
    ...(reform.description === undefined ? [] : [reform.description]),
    ...changes.map((c) => c.text.zh),
  ];
  return {
    name: reform.name,
    ...(reform.description === undefined ? {} : { description: reform.description }),
    hash: reform.hash,
    key: reform.key,
    date: baseline.date,
    changes,
    text: { zh, en },
  };
}

function describeChange(base: ResolvedParameter, raw: unknown, layer: string, from: string | undefined, date: string): ReformChange {
  const { definition } = base;
  const parsed = parseParameterValue(definition.kind, raw, [definition.path]);
  if (!parsed.ok) throw new Error(`${definition.path}: a checked reform value was refused`);
  const kind = definition.kind;
  const inForce = from === undefined || from <= date;
  const change = differenceOf(kind, base.value, parsed.value);
  const assumed = definition.assumption && !definition.source.citation.includes('⚠');
  const when = {
    en: from === undefined ? '' : ` from ${from}${inForce ? '' : ` (not in force on ${date})`}`,
    zh: from === undefined ? '' : `，自 ${from} 起${inForce ? '' : `（${date} 尚未生效）`}`,
  };
  const en =
    `${definition.path} — ${definition.label.en}: ${valueText(kind, base.value, 'en')} → ${valueText(kind, parsed.value, 'en')}` +
    `${when.en} (${change.en}); source: ${definition.source.citation}${assumed ? ' ⚠ assumption' : ''}`;
  const zh =
    `${definition.path} — ${definition.label.zh}：${valueText(kind, base.value, 'zh')} → ${valueText(kind, parsed.value, 'zh')}` +
    `${when.zh}（${change.zh}）；来源：${definition.source.citation}${assumed ? ' ⚠ 假设' : ''}`;
  const reformDisplay = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return {
    path: definition.path,
    label: definition.label,
    source: definition.source.citation,
    assumption: definition.assumption,
    layer,
    baseline: base.display,
    reform: reformDisplay,
    ...(from === undefined ? {} : { from }),
    inForce,
    text: { zh, en },
  };
}

type Lang = 'zh' | 'en';

const MINUS = '−';

/** A rate as a percentage, exactly: 0.125 → 12.5%. */
function percent(rate: Rate): string {
  return `${rate.times(100).toFixed()}%`;
}

function valueText(kind: ParameterKind, value: ParameterValue, lang: Lang): string {
  switch (kind) {
    case 'amount':
    case 'unit':
      return lang === 'zh' ? formatZh(value as Fen) : formatEn(value as Fen);
    case 'rate':
      return percent(value as Rate);
    case 'tiers':
      return (value as readonly Tier[])
        .map((t) => (lang === 'zh' ? `≥${percent(t.minIntensity)}：${percent(t.rate)}` : `≥${percent(t.minIntensity)}: ${percent(t.rate)}`))
        .join(lang === 'zh' ? '；' : '; ');
    case 'boolean':
      return lang === 'zh' ? (value === true ? '是' : '否') : value === true ? 'yes' : 'no';
    case 'decimal':
      return (value as Decimal).toFixed();
    default: {
      const unlisted: never = kind; // a new case fails to compile, not at run time
      throw new Error(`unknown parameter kind ${String(unlisted)}`);
    }
  }
}

/** `+¥3,000,000.00` / `+300万元`, `−5 percentage points` / `−5个百分点`, or no change. */
function differenceOf(kind: ParameterKind, before: ParameterValue, after: ParameterValue): { zh: string; en: string } {
  const unchanged = { zh: '不变', en: 'no change' };
  const changed = { zh: '改变', en: 'changed' };
  switch (kind) {
    case 'amount':
    case 'unit': {
      const d = (after as number) - (before as number);
      if (d === 0) return unchanged;
      const sign = d > 0 ? '+' : MINUS;
      return { zh: `${sign}${formatZh(Math.abs(d))}`, en: `${sign}${formatEn(Math.abs(d))}` };
    }
    case 'rate':
    case 'decimal': {
      const d = (after as Decimal).minus(before as Decimal);
      if (d.isZero()) return unchanged;
      const sign = d.isPositive() ? '+' : MINUS;
      if (kind === 'decimal') return { zh: `${sign}${d.abs().toFixed()}`, en: `${sign}${d.abs().toFixed()}` };
      const points = d.abs().times(100).toFixed();
      return { zh: `${sign}${points}个百分点`, en: `${sign}${points} percentage ${points === '1' ? 'point' : 'points'}` };
    }
    case 'tiers':
    case 'boolean':
      return valueText(kind, before, 'en') === valueText(kind, after, 'en') ? unchanged : changed;
    default: {
      const unlisted: never = kind; // a new case fails to compile, not at run time
      throw new Error(`unknown parameter kind ${String(unlisted)}`);
    }
  }
}
