import type { Request } from 'express';
import type { WorkMode, WorkPhase } from './spec.js';

/** How a route in a worker thread is to treat the request it answers (set by work/compute.ts). */
export interface OffloadedWork {
  readonly mode: WorkMode;
  enter(phase: WorkPhase): Promise<void>;
}

const offloaded = new WeakMap<Request, OffloadedWork>();

/** The work context of a request replayed in a worker; undefined on the main thread's own routes. */
export const offloadedWork = (req: Request): OffloadedWork | undefined => offloaded.get(req);

export function markOffloaded(req: Request, work: OffloadedWork): void {
  offloaded.set(req, work);
}
