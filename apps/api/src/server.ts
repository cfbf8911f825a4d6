import http from 'node:http';
import { openStore } from '@bagui/store';
import { pino } from 'pino';
import { createApp } from './app.js';
import { answerClientError, SERVER_OPTIONS } from './http/client-error.js';
import { ConfigError, loadConfig, type Config } from './env.js';
import { applyServerLimits } from './http/server-limits.js';
import { WorkPool } from './work/pool.js';
import { JobQueue, jobQueueOptions } from './queue/queue.js';

/**
 * The process: read the configuration, open the database, listen, and on SIGTERM or SIGINT stop taking new
 * connections, report not-ready, let in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS),
 * close the database and exit. Jobs are kept in the database: on SIGTERM the instance takes no new job, lets a
 * running one finish within SHUTDOWN_TIMEOUT_MS, else puts it back in the queue; a job left running by a killed
 * process is run again (at the next start with SQLite, when its lease runs out with PostgreSQL).
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
// The database first (its migrations run under a lock, so several instances may start at once).
const store = await openStore(config.STORE).catch((error: unknown) => {
  logger.fatal({ err: error }, 'cannot open the database');
  process.exit(1);
});
logger.info({ database: store.location, dialect: store.dialect, migrated: store.migrated }, 'database open');
const jobs = new JobQueue(jobQueueOptions(config, store, logger));
// The computing routes and the jobs run in worker threads, unless WORK_THREADS=0.
const work = config.WORK_THREADS > 0 ? new WorkPool(config) : undefined;
const app = createApp({
  config,
  logger,
  jobs,
  store,
  isReady: () => ready,
  ...(work === undefined ? {} : { work }),
});
await jobs.start();

const server = http.createServer(SERVER_OPTIONS, app);
applyServerLimits(server, config);
server.on('error', (error) => {
  logger.fatal({ err: error }, 'cannot listen');
  process.exit(1);
});
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  logger.info(
    { host: config.HOST, port },
    `bagui api listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`,
  );
});

server.on('clientError', answerClientError);

function shutdown(signal: NodeJS.Signals): void {
  if (!ready) return;
  ready = false;
  logger.info({ signal, runningJobs: jobs.running }, 'shutting down: finishing in-flight requests and running jobs');
  // No new job is taken; a running one finishes, or is put back in the queue before the deadline.
  const jobsStopped = jobs.stop(Math.max(0, config.SHUTDOWN_TIMEOUT_MS - 2000));
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
    // Every acknowledged write has committed already; closing releases the connections (and SQLite's WAL).
    jobsStopped
      .then(() => Promise.all([work?.close(), store.close()]))
      .then(
        () => {
          logger.info('stopped');
          process.exit(error === undefined ? 0 : 1);
        },
        (closing: unknown) => {
          logger.error({ err: closing }, 'error while closing the database');
          process.exit(1);
        },
      );
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
