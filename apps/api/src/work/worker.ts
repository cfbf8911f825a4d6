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
  /** Memory the main thread lends for the answer's body (pool.ts): the body is written there when it fits. */
  readonly slab?: SharedArrayBuffer | undefined;
}

/**
 * The answer, its body never cloned: written into the memory the main thread lent (`slab`, shared:
 * nothing is allocated or copied between the threads) when it fits, else a buffer of its own
 * (`ownedBytes`) whose `ArrayBuffer` is moved to the main thread, read by no one here after.
 */
export default async function work({ request, phases, slab }: WorkTask): Promise<WorkAnswer> {
  try {
    const answer = await answerer.answer(request, {
      enterPhase: (phase) => {
        phases?.postMessage(phase);
      },
      into: slab === undefined ? undefined : new Uint8Array(slab),
    });
    if (answer.body.buffer === slab) return answer;
    return move({ [transferableSymbol]: [answer.body.buffer], [valueSymbol]: answer }) as unknown as WorkAnswer;
  } finally {
    phases?.close();
  }
}
