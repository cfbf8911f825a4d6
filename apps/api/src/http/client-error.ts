import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import { ENGINE_VERSION } from '@bagui/core/version';
import { HttpProblem, problemBody, PROBLEMS } from './problem.js';
import { ENGINE_VERSION_HEADER } from './versions.js';

/**
 * How the server is created. Node answers an HTTP/1.1 request without a Host header with a bare
 * 400 of its own, before any route or `clientError`; the app refuses it instead (`requireHost`),
 * as problem+json like any other answer.
 */
export const SERVER_OPTIONS = { requireHostHeader: false } as const;

/** Refuses an HTTP/1.1 request without a Host header (RFC 9112, section 3.2), as Node would, but as a problem. */
export const requireHost: RequestHandler = (req, _res, next) => {
  const http11 = req.httpVersionMajor > 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1);
  if (http11 && req.headers.host === undefined) {
    next(new HttpProblem('REQUEST.MALFORMED', 'an HTTP/1.1 request must carry a Host header: add Host: <the server name>'));
    return;
  }
  next();
};

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
  const requestId = randomUUID();
  const body = JSON.stringify(problemBody(problem, undefined, requestId));
  const { status, title } = PROBLEMS[problem.code];
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `${ENGINE_VERSION_HEADER}: ${ENGINE_VERSION}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}
