import type { MessagePort } from 'node:worker_threads';
import { openStore } from '@bagui/store';
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { pino } from 'pino';
import type { Config } from '../env.js';
import { requestAnswerer } from './compute.js';
import type { WorkAnswer, WorkRequest } from './spec.js';

/**
 * A worker thread of the pool (work/pool.ts): it answers `WorkRequest`s with the API's own routes
 * (work/compute.ts), one at a time. Its database connection is its own, opened from the same
 * configuration as the main thread's (a saved scenario's run reads its data sets and writes the
 * result cache).
 */

const { config } = workerData as { config: Config };
const logger = pino({ level: config.LOG_LEVEL });
const store = await openStore(config.STORE);
const answerer = requestAnswerer({ config, store, logger });

export interface WorkTask {
  readonly request: WorkRequest;
  /** Where the phases are posted, when the caller follows them. */
  readonly phases?: MessagePort | undefined;
}

/**
 * The answer, its body's `ArrayBuffer` moved to the main thread rather than cloned: the body (3 MB
 * for 1,000 firms with their traces) is a buffer of its own (`ownedBytes`), read by no one here after.
 */
export default async function work({ request, phases }: WorkTask): Promise<WorkAnswer> {
  try {
    const answer = await answerer.answer(request, {
      enterPhase: (phase) => {
        phases?.postMessage(phase);
      },
    });
    return move({ [transferableSymbol]: [answer.body.buffer], [valueSymbol]: answer }) as unknown as WorkAnswer;
  } finally {
    phases?.close();
  }
}
