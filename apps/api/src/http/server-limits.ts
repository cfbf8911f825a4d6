import type { Server } from 'node:http';
import type { Config } from '../env.js';

export type ServerLimits = Pick<Config, 'HEADERS_TIMEOUT_MS' | 'REQUEST_TIMEOUT_MS' | 'KEEP_ALIVE_TIMEOUT_MS' | 'MAX_CONNECTIONS'>;

/**
 * Node's server timeouts, set deliberately rather than left to the defaults of the Node version:
 * the headers within HEADERS_TIMEOUT_MS (a slow-headers client holds a socket no longer), the whole
 * request within REQUEST_TIMEOUT_MS (0: none), an idle keep-alive connection kept
 * KEEP_ALIVE_TIMEOUT_MS, and at most MAX_CONNECTIONS connections (0: no limit; beyond it a new
 * connection is closed at once).
 */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.HEADERS_TIMEOUT_MS;
  server.requestTimeout = limits.REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = limits.KEEP_ALIVE_TIMEOUT_MS;
  if (limits.MAX_CONNECTIONS > 0) server.maxConnections = limits.MAX_CONNECTIONS;
}
