import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { ENGINE_VERSION } from '@bagui/core/version';
import { HttpProblem, problemBody, PROBLEMS } from './problem.js';
import { ENGINE_VERSION_HEADER } from './versions.js';

/**
 * A request Node's HTTP parser refuses before any route sees it (a raw non-ASCII character in
 * the URL, oversized headers) still gets a problem+json answer, then the connection closes.
 * Wired to the server's `clientError` event.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpProblem('REQUEST.HEADERS_TOO_LARGE', 'the request headers are too large')
      : new HttpProblem(
          'REQUEST.MALFORMED',
          'the request cannot be parsed as HTTP: percent-encode any character outside ASCII in the URL (e.g. 万 as %E4%B8%87)',
        );
  const body = JSON.stringify(problemBody(problem, undefined, randomUUID()));
  const { status, title } = PROBLEMS[problem.code];
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `${ENGINE_VERSION_HEADER}: ${ENGINE_VERSION}\r\nConnection: close\r\n\r\n${body}`,
  );
}
