import type { TraceStep } from '@bagui/core/programmes';

export type Lang = 'zh' | 'en';

/** The names of every trace step the programmes write, as the planner shows them. */
const STEP_LABELS: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  eligibility: { zh: '资格审查', en: 'Eligibility' },
  increment: { zh: '研发费用增长额', en: 'R&D increment' },
  intensity: { zh: '研发投入强度', en: 'R&D intensity' },
  increment_award: { zh: '增量奖励', en: 'Increment award' },
  high_tech_award: { zh: '高新技术企业/瞪羚企业奖励', en: 'High-tech / gazelle award' },
  base: { zh: '就高取值', en: 'Larger of the two (not cumulative)' },
  special_award: { zh: '特别奖励', en: 'Special award' },
  firm_cap: { zh: '单户上限', en: 'Per-firm cap' },
  rounding: { zh: '取整', en: 'Rounding' },
  envelope: { zh: '预算分配', en: 'Envelope' },
  project_cap: { zh: '单项上限', en: 'Per-project cap' },
  equipment_award: { zh: '设备投资补助', en: 'Equipment award' },
  smart_factory_award: { zh: '智能工厂奖励', en: 'Smart-factory award' },
  digital_workshop_award: { zh: '数字化车间奖励', en: 'Digital-workshop award' },
  robot_award: { zh: '工业机器人补助', en: 'Robot award' },
  total: { zh: '合计', en: 'Total' },
  award: { zh: '资助额', en: 'Award' },
  stipend: { zh: '人才资助', en: 'Stipend' },
  resource_line: { zh: '资源补贴', en: 'Resource line' },
  cash_line: { zh: '现金补贴', en: 'Cash line' },
  given: { zh: '已给定', en: 'Given' },
};

const WORDS = {
  zh: {
    inputs: '输入',
    parameters: '参数',
    branch: '分支',
    bound: '触及上限',
    rule: '规则',
    source: '来源',
    assumption: '⚠ 假设',
    sep: '；',
    colon: '：',
  },
  en: {
    inputs: 'inputs',
    parameters: 'parameters',
    branch: 'branch',
    bound: 'cap reached',
    rule: 'rule',
    source: 'source',
    assumption: '⚠ assumption',
    sep: '; ',
    colon: ': ',
  },
} as const;

/** Names for an explanation: the applicant fields (`rd_expense` → 研发费用) and the parameters (path → label). */
export interface ExplainLabels {
  readonly fields?: readonly { readonly name: string; readonly zh: string }[];
  readonly parameters?: readonly { readonly path: string; readonly label: { readonly zh: string; readonly en: string } }[];
}

/**
 * An award's trace as text a person reads, one step a line: the step's name, its result, the
 * inputs and parameters it read (each parameter with its source, ⚠ where it is our assumption),
 * the branch taken and the cap that bound. In Chinese, names of steps, fields and parameters are
 * Chinese; the rule's own wording is as core writes it.
 */
export function explainTrace(trace: readonly TraceStep[], lang: Lang, labels: ExplainLabels = {}): string {
  const w = WORDS[lang];
  const field = (name: string): string => (lang === 'zh' ? (labels.fields?.find((f) => f.name === name)?.zh ?? name) : name);
  const parameter = (path: string): string => {
    const label = labels.parameters?.find((p) => p.path === path)?.label;
    return label === undefined ? path : `${label[lang]} (${path})`;
  };
  return trace
    .map((step, i) => {
      const parts = [`${i + 1}. ${STEP_LABELS[step.step]?.[lang] ?? step.step}${w.colon}${step.result}`];
      if (lang === 'en' || STEP_LABELS[step.step] === undefined) parts.push(`   ${w.rule}${w.colon}${step.rule}`);
      const inputs = Object.entries(step.inputs ?? {});
      if (inputs.length > 0) parts.push(`   ${w.inputs}${w.colon}${inputs.map(([k, v]) => `${field(k)} = ${v}`).join(w.sep)}`);
      for (const p of step.parameters ?? []) {
        parts.push(
          `   ${w.parameters}${w.colon}${parameter(p.path)} = ${p.value} (${w.source}${w.colon}${p.source})${p.assumption ? ` ${w.assumption}` : ''}`,
        );
      }
      if (step.branch !== undefined) parts.push(`   ${w.branch}${w.colon}${step.branch}`);
      if (step.bound !== undefined) parts.push(`   ${w.bound}${w.colon}${parameter(step.bound)}`);
      return parts.join('\n');
    })
    .join('\n');
}
