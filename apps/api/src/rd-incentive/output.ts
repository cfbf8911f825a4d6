import { toJsonChunks, type RdEvaluation } from '@bagui/core/programmes/rd-incentive';
import type { Response } from 'express';
import { sendChunks } from '../http/stream.js';
import { setParametersVersion } from '../http/versions.js';

/**
 * Answers with the evaluation exactly as `bagui evaluate --format json` prints it: the same
 * generator writes both, so the bytes are the same.
 */
export async function sendEvaluation(res: Response, evaluation: RdEvaluation, totalsOnly: boolean): Promise<void> {
  setParametersVersion(res, evaluation.rule.parameters.version);
  res.status(200).type('application/json; charset=utf-8');
  await sendChunks(res, toJsonChunks(evaluation, { totalsOnly }));
}
