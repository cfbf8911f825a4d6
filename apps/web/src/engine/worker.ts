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
  let response: WorkerResponse;
  try {
    response = { id, result: engine.handle(request), ms: performance.now() - start };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response = { id, result: { ok: false, problems: [{ code: 'ENGINE.FAILED', message }] }, ms: performance.now() - start };
  }
  scope.postMessage(response, transferables(response));
};

/** The typed arrays of a programme view move to the page rather than being copied. */
function transferables(response: WorkerResponse): Transferable[] {
  if (!response.result.ok) return [];
  const value = response.result.value as { entitlements?: unknown; awards?: unknown; capped?: unknown };
  return [value.entitlements, value.awards, value.capped].flatMap((a) => (ArrayBuffer.isView(a) ? [a.buffer as ArrayBuffer] : []));
}
