import { PlannerEngine } from './engine';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** The planner's Web Worker: @bagui/core behind the typed messages of protocol.ts, one request at a time. */
const engine = new PlannerEngine();
/** What this module needs of the worker's global scope (the DOM lib, not the WebWorker one, types this app). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, request } = event.data;
  const start = performance.now();
  const failed = (error: unknown): WorkerResponse => {
    const message = error instanceof Error ? error.message : String(error);
    return { id, result: { ok: false, problems: [{ code: 'ENGINE.FAILED', message }] }, ms: performance.now() - start };
  };
  const send = (response: WorkerResponse): void => scope.postMessage(response, transferables(response));
  try {
    const result = engine.respond(request);
    if (result instanceof Promise) {
      result.then(
        (r) => send({ id, result: r, ms: performance.now() - start }),
        (error: unknown) => send(failed(error)),
      );
    } else {
      send({ id, result, ms: performance.now() - start });
    }
  } catch (error) {
    send(failed(error));
  }
};

/** The typed arrays of a programme view, and a workbook's bytes, move to the page rather than being copied. */
function transferables(response: WorkerResponse): Transferable[] {
  if (!response.result.ok) return [];
  if (response.result.value instanceof Uint8Array) return [response.result.value.buffer as ArrayBuffer];
  const value = response.result.value as { entitlements?: unknown; awards?: unknown; capped?: unknown };
  return [value.entitlements, value.awards, value.capped].flatMap((a) => (ArrayBuffer.isView(a) ? [a.buffer as ArrayBuffer] : []));
}
