#!/usr/bin/env node
import { nodeIo } from './node-io.js';
import { run } from './cli.js';

// A reader that closes the pipe early (`bagui … | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), nodeIo());
