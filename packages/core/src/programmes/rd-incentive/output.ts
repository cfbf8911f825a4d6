import { formatJson } from '../../money/index.js';
import { ByteChunks } from '../common/bytes.js';
import type { RdEvaluation } from './evaluate.js';
import { PATHS } from './rule.js';

export interface OutputOptions {
  /** Omit the per-enterprise list. */
  readonly totalsOnly?: boolean;
  /**
   * JSON only. `compact`: each trace step without its `rule` in words and its `parameters` (the
   * same for every firm), which the answer lists once, as `parameters`, after the totals; every
   * figure, branch and bound stays. `full` (the default) is the contract's readable trace.
   */
  readonly trace?: 'full' | 'compact';
}

/** Every parameter of the rule, as a trace step cites it: listed once by a compact answer. */
function ruleParameters(evaluation: RdEvaluation): Record<string, unknown>[] {
  const { parameters } = evaluation.rule;
  const kinds = {
    tiersAbove: 'tiers',
    rateBelow: 'rate',
    capAbove: 'amount',
    capBelow: 'amount',
    highTechRate: 'rate',
    highTechCap: 'amount',
    specialRate: 'rate',
    specialCap: 'amount',
    specialMinRdExpense: 'amount',
    specialMaxDecline: 'rate',
    specialMinIntensity: 'rate',
    firmCap: 'amount',
    roundingUnit: 'unit',
  } as const;
  return Object.entries(kinds).map(([key, kind]) => {
    const path = PATHS[key as keyof typeof PATHS];
    const p = parameters.get(path, kind);
    return { path, value: p.display, source: p.definition.source.citation, assumption: p.definition.assumption };
  });
}

function header(evaluation: RdEvaluation): Record<string, unknown> {
  const { allocation, totals } = evaluation;
  return {
    program: evaluation.program,
    programme: evaluation.program,
    budget: formatJson(allocation.budget),
    method: allocation.method,
    totals: {
      entitlement: formatJson(totals.entitlement),
      awarded: formatJson(totals.awarded),
      unallocated: formatJson(totals.unallocated),
      enterprises: totals.enterprises,
    },
  };
}

/** The result as the contract's JSON object (docs/rd-incentive.md, "The command-line contract"). */
export function toJsonObject(evaluation: RdEvaluation, options: OutputOptions = {}): Record<string, unknown> {
  const head = header(evaluation);
  if (options.totalsOnly === true) return head;
  const { table, entitlements, allocation } = evaluation;
  const enterprises = [];
  for (let i = 0; i < table.count; i++) {
    enterprises.push({
      id: table.ids[i],
      entitlement: formatJson(entitlements[i] ?? 0),
      award: formatJson(allocation.awards[i] ?? 0),
      trace: evaluation.trace(i),
    });
  }
  return { ...head, enterprises };
}

/**
 * The same JSON in chunks, so a million enterprises with their traces stream to a file without
 * ever being one string in memory: the head and the closing as text, the rows between as UTF-8
 * bytes (about a megabyte each), written from templates (trace-text.ts) rather than built as
 * strings and encoded again. A writer that takes bytes (a file, a socket) writes them as they are.
 */
export function* toJsonParts(evaluation: RdEvaluation, options: OutputOptions = {}): Generator<string | Uint8Array> {
  const head = JSON.stringify(header(evaluation), null, 2);
  if (options.totalsOnly === true) {
    yield `${head}\n`;
    return;
  }
  const { table, entitlements, allocation } = evaluation;
  const compact = options.trace === 'compact';
  const listed = compact
    ? `,\n  "trace": "compact",\n  "parameters": ${JSON.stringify(ruleParameters(evaluation), null, 2).replaceAll('\n', '\n  ')}`
    : '';
  yield `${head.slice(0, -2)}${listed},\n  "enterprises": [`;
  const out = new ByteChunks(CHUNK_ROOM);
  for (let i = 0; i < table.count; i++) {
    // JSON.stringify of { id, entitlement, award, trace }, written in parts.
    const id = table.ids[i];
    out.t`${i === 0 ? '' : ','}\n    {${id === undefined ? '' : `"id":${JSON.stringify(id)},`}"entitlement":"${formatJson(entitlements[i] ?? 0)}","award":"${formatJson(allocation.awards[i] ?? 0)}","trace":`;
    evaluation.writeTrace(i, out, compact);
    out.text('}');
    if (out.length >= CHUNK_BYTES) yield out.take();
  }
  if (out.length > 0) yield out.take();
  yield '\n  ]\n}\n';
}

const CHUNK_BYTES = 1 << 20;
/** A chunk's buffer: its bytes and room for the row that passes them (a row is a few kB), so that it never grows and copies itself. */
const CHUNK_ROOM = CHUNK_BYTES + (64 << 10);
const decoder = new TextDecoder();

/** toJsonParts as text only (each byte chunk holds whole rows, so decodes on its own). */
export function* toJsonChunks(evaluation: RdEvaluation, options: OutputOptions = {}): Generator<string> {
  for (const part of toJsonParts(evaluation, options)) yield typeof part === 'string' ? part : decoder.decode(part);
}

const CSV_COLUMNS = ['id', 'name', 'scale', 'entitlement', 'award', 'explanation'] as const;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe (OWASP's advice on CSV injection); amounts never start so.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\n\r]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV: one row per enterprise (or one row of totals), amounts as in JSON. */
export function* toCsvChunks(evaluation: RdEvaluation, options: OutputOptions = {}): Generator<string> {
  const { table, entitlements, allocation, totals } = evaluation;
  if (options.totalsOnly === true) {
    yield 'program,budget,method,entitlement,awarded,unallocated,enterprises\n';
    yield `${[evaluation.program, formatJson(allocation.budget), allocation.method, formatJson(totals.entitlement), formatJson(totals.awarded), formatJson(totals.unallocated), String(totals.enterprises)].join(',')}\n`;
    return;
  }
  yield `${CSV_COLUMNS.join(',')}\n`;
  let batch: string[] = [];
  for (let i = 0; i < table.count; i++) {
    const cells = [
      table.ids[i] ?? '',
      table.names[i] ?? '',
      table.scale[i] === 1 ? 'above' : 'below',
      formatJson(entitlements[i] ?? 0),
      formatJson(allocation.awards[i] ?? 0),
      evaluation.traceSummary(i),
    ];
    batch.push(`${cells.map(csvCell).join(',')}\n`);
    if (batch.length === 1000) {
      yield batch.join('');
      batch = [];
    }
  }
  yield batch.join('');
}
