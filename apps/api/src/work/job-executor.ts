import type { Store } from '@bagui/store';
import { HttpProblem, problemBody } from '../http/problem.js';
import { SPEC_HEADERS, type JobCaller, type JobExecutor, type JobSpec } from '../queue/executor.js';
import type { WorkExecutor, WorkRequest } from './spec.js';

/**
 * Jobs on the worker threads: the queue's `JobExecutor` (a stored `JobSpec` in, the answer out)
 * over the pool's job threads (`WorkPool.runJob`, a `WorkRequest` computed whatever its size). The
 * key that made the job is read again when it runs: a key revoked meanwhile no longer counts.
 */
export function workJobExecutor(runJob: WorkExecutor, store: Store, today: () => string): JobExecutor {
  return async (spec, context) => {
    const key = spec.caller.key === null ? undefined : await store.keys.get(spec.caller.key);
    if (spec.caller.key !== null && (key === undefined || key.revokedAt !== null)) {
      const problem = new HttpProblem('AUTH.INVALID_KEY', `the API key ${spec.caller.key} that made this job was revoked before it ran`);
      return {
        status: problem.status,
        headers: { 'content-type': 'application/problem+json' },
        body: [jsonBytes(problemBody(problem, spec.url, spec.requestId))],
      };
    }
    const answer = await runJob(
      {
        method: spec.method,
        url: spec.url,
        headers: spec.headers,
        body: spec.body,
        today: today(),
        requestId: spec.requestId,
        key,
        mode: 'run',
      },
      { signal: context.signal, enterPhase: context.enterPhase },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers))
      headers[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
    return { status: answer.status, headers, body: [answer.body] };
  };
}

/** The job's spec of a request read on the main thread (work/offload.ts): its bytes as sent and the headers its answer depends on. */
export function jobSpecOf(request: WorkRequest, caller: JobCaller): JobSpec {
  const headers: Record<string, string> = {};
  for (const name of SPEC_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return { method: 'POST', url: request.url, headers, body: request.body, caller, requestId: request.requestId };
}

const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
