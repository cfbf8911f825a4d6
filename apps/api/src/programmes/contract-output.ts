import { toJsonParts, type RdEvaluation } from '@bagui/core/programmes/rd-incentive';
import type { Response } from 'express';
import type { ProblemDetail } from '../http/problem.js';
import { sendChunks } from '../http/stream.js';
import { withWarnings } from '../programmes/baseline.js';
import { setParametersVersion } from '../http/versions.js';

/**
 * Answers with the evaluation exactly as `bagui evaluate --format json` prints it: the same
 * generator writes both, so the bytes are the same. A file's warnings (columns not used), which
 * the CLI says on stderr, are added as a last member `warnings` only when there are any.
 */
export async function sendEvaluation(
  res: Response,
  evaluation: RdEvaluation,
  totalsOnly: boolean,
  warnings: readonly ProblemDetail[] = [],
  trace: 'full' | 'compact' = 'full',
): Promise<void> {
  setParametersVersion(res, evaluation.rule.parameters.version);
  res.status(200).type('application/json; charset=utf-8');
  await sendChunks(res, withWarnings(toJsonParts(evaluation, { totalsOnly, trace }), warnings));
}
