import { formatJson } from '../money/index.js';
import type { ProgrammeOutcome } from './programme.js';

export interface OutcomeJsonOptions {
  /** Omit the per-recipient list. */
  readonly totalsOnly?: boolean;
}

function header(outcome: ProgrammeOutcome): Record<string, unknown> {
  const { totals } = outcome;
  return {
    // `program` as the published evaluate contract spells it (docs/rd-incentive.md); `programme`
    // beside it, as every other output and the scenario files spell it.
    program: outcome.programme,
    programme: outcome.programme,
    budget: formatJson(outcome.budget),
    method: outcome.method,
    totals: {
      entitlement: formatJson(totals.entitlement),
      awarded: formatJson(totals.awarded),
      unallocated: formatJson(totals.unallocated),
      recipients: totals.recipients,
    },
  };
}

/**
 * Any programme's outcome as JSON text, in chunks: the shape of rd_incentive's contract
 * (`bagui evaluate --format json`) with `recipients` for the programme's applicants, each with
 * its entitlement, award and trace, in input order. Streams: a large outcome is never one string.
 */
export function* outcomeJsonChunks(outcome: ProgrammeOutcome, options: OutcomeJsonOptions = {}): Generator<string> {
  const head = JSON.stringify(header(outcome), null, 2);
  if (options.totalsOnly === true) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, -2)},\n  "recipients": [`;
  let batch: string[] = [];
  const n = outcome.ids.length;
  for (let i = 0; i < n; i++) {
    const row = {
      id: outcome.ids[i],
      entitlement: formatJson(outcome.entitlements[i] ?? 0),
      award: formatJson(outcome.awards[i] ?? 0),
      trace: outcome.trace(i),
    };
    batch.push(`${i === 0 ? '' : ','}\n    ${JSON.stringify(row)}`);
    if (batch.length === 1000) {
      yield batch.join('');
      batch = [];
    }
  }
  yield `${batch.join('')}\n  ]\n}\n`;
}
