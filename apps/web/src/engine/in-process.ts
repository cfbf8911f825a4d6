import { PlannerEngine } from './engine';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * The engine behind the Worker interface, in this thread: for component tests (jsdom has no
 * workers) and the Node side of the benchmark. Answers asynchronously, as a worker does.
 */
export function inProcessWorker(engine: PlannerEngine = new PlannerEngine()): Worker {
  const fake = {
    onmessage: null as ((event: MessageEvent<WorkerResponse>) => void) | null,
    onerror: null,
    postMessage(message: WorkerRequest) {
      const start = performance.now();
      void Promise.resolve(engine.respond(message.request)).then((result) => {
        const response: WorkerResponse = { id: message.id, result, ms: performance.now() - start };
        fake.onmessage?.({ data: response } as MessageEvent<WorkerResponse>);
      });
    },
    terminate() {},
  };
  return fake as unknown as Worker;
}
