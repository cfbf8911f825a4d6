import { pino } from 'pino';
import { createApp } from './app.js';
import { answerClientError } from './http/client-error.js';
import { ConfigError, loadConfig, type Config } from './env.js';

/**
 * The process: read the configuration, listen, and on SIGTERM or SIGINT stop taking new
 * connections, report not-ready, let in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS),
 * then exit.
 */

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG
}

const logger = pino({ level: config.LOG_LEVEL });
let ready = true;
const app = createApp({ config, logger, isReady: () => ready });

const server = app.listen(config.PORT, config.HOST, (error?: Error) => {
  if (error !== undefined) {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  logger.info({ host: config.HOST, port }, `bagui api listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`);
});

server.on('clientError', answerClientError);

function shutdown(signal: NodeJS.Signals): void {
  if (!ready) return;
  ready = false;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    logger.warn('in-flight requests did not finish in time: closing their connections');
    server.closeAllConnections();
  }, config.SHUTDOWN_TIMEOUT_MS);
  force.unref();
  // A keep-alive connection whose request has finished would hold close() open until it times out.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.close((error) => {
    clearTimeout(force);
    clearInterval(idle);
    if (error !== undefined) logger.error({ err: error }, 'error while closing');
    logger.info('stopped');
    process.exit(error === undefined ? 0 : 1);
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
