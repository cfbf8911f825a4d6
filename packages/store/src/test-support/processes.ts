import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreLocation } from '../open.js';

const CHILD = fileURLToPath(new URL('child.mjs', import.meta.url));

export interface Running {
  readonly child: ChildProcess;
  /** Every complete line printed so far. */
  readonly lines: string[];
  /** Resolves with the exit code (null when killed) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once `count` lines have been printed (or rejects if the process ends first). */
  linesPrinted(count: number): Promise<void>;
}

/** Runs the store child (child.mjs) with these arguments. */
export function runChild(command: string, location: StoreLocation, ...args: string[]): Running {
  const child = spawn(process.execPath, [CHILD, command, JSON.stringify(location), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiting: { count: number; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wait of waiting.filter((w) => lines.length >= w.count)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  return {
    child,
    lines,
    exited,
    linesPrinted: (count) =>
      lines.length >= count
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiting.push({ count, resolve })),
            exited.then(({ code, stderr: errors }) => {
              if (lines.length < count) throw new Error(`the child ended (code ${code}) after ${lines.length} lines: ${errors}`);
            }),
          ]),
  };
}
