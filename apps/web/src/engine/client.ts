import type { EngineAnswers, EngineKind, EngineResult, RequestOf, WorkerRequest, WorkerResponse } from './protocol';

export interface Answer<K extends EngineKind> {
  readonly result: EngineResult<EngineAnswers[K]>;
  /** Milliseconds the worker spent computing. */
  readonly ms: number;
}

/** The page's side of the worker: each request a promise; the worker itself loads only when first asked. */
export class EngineClient {
  #worker: Worker | undefined;
  #next = 1;
  readonly #pending = new Map<number, (response: WorkerResponse) => void>();
  readonly #create: () => Worker;

  constructor(create: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'bagui-engine' })) {
    this.#create = create;
  }

  request<K extends EngineKind>(request: RequestOf<K>): Promise<Answer<K>> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(id, (response) => resolve({ result: response.result as EngineResult<EngineAnswers[K]>, ms: response.ms }));
      const message: WorkerRequest = { id, request };
      worker.postMessage(message);
    });
  }

  #start(): Worker {
    const worker = this.#create();
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const settle = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      settle?.(event.data);
    };
    worker.onerror = (event) => {
      // A worker that fails to load or crashes answers every pending request with the failure.
      for (const [id, settle] of this.#pending) {
        settle({ id, ms: 0, result: { ok: false, problems: [{ code: 'ENGINE.FAILED', message: event.message || 'the engine stopped' }] } });
      }
      this.#pending.clear();
      this.#worker = undefined;
    };
    return worker;
  }
}
