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

  /** A request answered now (`admit` or `run`), on the synchronous threads. */
  readonly run = (request: WorkRequest, control: WorkControl = {}): Promise<WorkAnswer> => runOn(this.#sync, request, control);

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

async function runOn(pool: Piscina<WorkTask, WorkAnswer>, request: WorkRequest, control: WorkControl): Promise<WorkAnswer> {
  const { enterPhase, signal } = control;
  const channel = enterPhase === undefined ? undefined : new MessageChannel();
  channel?.port1.on('message', (phase: WorkPhase) => void enterPhase?.(phase));
  try {
    return await pool.run(
      { request, phases: channel?.port2 },
      { ...(channel === undefined ? {} : { transferList: [channel.port2] }), ...(signal === undefined ? {} : { signal }) },
    );
  } catch (error) {
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
