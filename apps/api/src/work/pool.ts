import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Config } from '../env.js';
import { HttpProblem } from '../http/problem.js';
import type { WorkTask } from './worker.js';
import type { WorkAnswer, WorkControl, WorkPhase, WorkRequest } from './spec.js';

/**
 * The worker threads that do the API's computing (piscina): one pool for synchronous requests,
 * WORK_THREADS threads, and JOB_CONCURRENCY for jobs, so that a job of a million applicants never
 * holds up a request of thirteen. The main thread only reads headers, admits, and writes answers.
 *
 * The worker's file: dist/work/worker.js when the server runs built (`npm start`); when the API runs
 * from its sources (vitest, `node --import tsx`), this file is work/pool.ts and the worker is
 * worker-dev.mjs, which registers tsx and loads worker.ts. Either way it is found beside this
 * file, whatever the working directory.
 */
const WORKER_FILE = import.meta.url.endsWith('.ts')
  ? new URL('./worker-dev.mjs', import.meta.url)
  : new URL('./worker.js', import.meta.url);

export type PoolConfig = Config;

export class WorkPool {
  readonly #sync: Piscina<WorkTask, WorkAnswer>;
  readonly #jobs: Piscina<WorkTask, WorkAnswer>;

  constructor(config: PoolConfig) {
    const common = { filename: WORKER_FILE.href, workerData: { config }, concurrentTasksPerWorker: 1 } as const;
    // The synchronous threads start with the server, so that the first small request does not wait for one.
    this.#sync = new Piscina({ ...common, minThreads: config.WORK_THREADS, maxThreads: config.WORK_THREADS, maxQueue: 'auto' });
    this.#jobs = new Piscina({ ...common, minThreads: 0, maxThreads: config.JOB_CONCURRENCY, idleTimeout: 60_000 });
  }

  readonly #slabs = new Slabs();

  /**
   * A request answered now (`admit` or `run`), on the synchronous threads; an answer's body that
   * fits in a slab comes in it, with `release` to call once it is written.
   */
  readonly run = (request: WorkRequest, control: WorkControl = {}): Promise<WorkAnswer> => runOn(this.#sync, request, control, this.#slabs);

  /**
   * A job's request computed whatever its size, on the job threads: the executor a job queue calls,
   * `(request, { signal, enterPhase }) => Promise<WorkAnswer>`.
   */
  readonly runJob = (request: WorkRequest, control: WorkControl = {}): Promise<WorkAnswer> =>
    runOn(this.#jobs, { ...request, mode: 'run' }, control);

  async close(): Promise<void> {
    await Promise.all([this.#sync.destroy(), this.#jobs.destroy()]);
  }
}

/** The largest answer body a slab holds: 1,000 firms with every trace (3 MB) fit; a larger body is moved as its own buffer. */
const SLAB_BYTES = 4 * 1024 * 1024;
/** Slabs kept for the next answers; more are made while more answers are being written at once, and left to the collector after. */
const SLABS_KEPT = 8;

/**
 * Shared memory lent to the synchronous threads for their answers' bodies, taken back once each
 * answer is written: the main thread then receives no new buffer per answer, whose external memory
 * would make V8 collect its whole heap every few large answers.
 */
class Slabs {
  readonly #free: SharedArrayBuffer[] = [];

  take(): SharedArrayBuffer {
    return this.#free.pop() ?? new SharedArrayBuffer(SLAB_BYTES);
  }

  give(slab: SharedArrayBuffer): void {
    if (this.#free.length < SLABS_KEPT) this.#free.push(slab);
  }
}

async function runOn(pool: Piscina<WorkTask, WorkAnswer>, request: WorkRequest, control: WorkControl, slabs?: Slabs): Promise<WorkAnswer> {
  const { enterPhase, signal } = control;
  const channel = enterPhase === undefined ? undefined : new MessageChannel();
  channel?.port1.on('message', (phase: WorkPhase) => void enterPhase?.(phase));
  const slab = slabs?.take();
  try {
    const answer = await pool.run(
      { request, phases: channel?.port2, slab },
      { ...(channel === undefined ? {} : { transferList: [channel.port2] }), ...(signal === undefined ? {} : { signal }) },
    );
    if (slab === undefined || slabs === undefined) return answer;
    // In the slab, the body is a view of shared memory (the same memory as `slab`, another object on this side).
    if (!(answer.body.buffer instanceof SharedArrayBuffer)) {
      slabs.give(slab);
      return answer;
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      slabs.give(slab);
    };
    return { ...answer, release };
  } catch (error) {
    // A slab lent to a task that failed or was stopped is not taken back: its thread may still be ending.
    if (error instanceof Error && /queue is at limit/iu.test(error.message)) {
      throw new HttpProblem('WORK.BUSY', 'every worker thread is busy and the queue is full: retry after the time in Retry-After', [], {
        'Retry-After': '1',
      });
    }
    throw error;
  } finally {
    channel?.port1.close();
  }
}
