import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagui, CLI_DIR, REPO_ROOT } from './bagui.js';

/** Words of one shell command line: spaces split, single quotes group (enough for our examples). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/(?:'[^']*'|[^\s'])+/gu)].map(([word]) => word.replaceAll("'", ''));
}

/** The `npx bagui …` lines of a text, as argument lists. */
function examples(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npx bagui '))
    .map((line) => shellWords(line.replace(/\s+#.*$/u, '')).slice(2)); // drop a trailing shell comment
}

// Examples are written for the repository root: run them in a copy of its layout, so that
// an example writing a file (--out awards.csv) writes it there.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bagui-examples-'));
  await cp(join(CLI_DIR, 'examples'), join(root, 'apps', 'cli', 'examples'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function expectAllRun(text: string): Promise<void> {
  const commands = examples(text);
  expect(commands.length).toBeGreaterThan(0);
  for (const args of commands) {
    const ran = await bagui(args, { cwd: root });
    expect({ args, code: ran.code, stderr: ran.stderr.startsWith('error') ? ran.stderr : '' }).toEqual({ args, code: 0, stderr: '' });
  }
}

describe('help', () => {
  it.each([
    [['--help'], 'Usage: bagui [options] [command]'],
    [['help', 'evaluate'], 'Usage: bagui evaluate [options] <programme>'],
    [['evaluate', '--help'], 'Usage: bagui evaluate [options] <programme>'],
    [['parameters', '--help'], 'Usage: bagui parameters [options]'],
    [['run', '--help'], 'Usage: bagui run [options] <scenario>'],
    [['scenarios', '--help'], 'Usage: bagui scenarios [options] [command]'],
    [['scenarios', 'show', '--help'], 'Usage: bagui scenarios show [options] <name>'],
    [['generate', '--help'], 'Usage: bagui generate [options] <population>'],
    [['compare', '--help'], 'Usage: bagui compare [options] [programme]'],
    [['sweep', '--help'], 'Usage: bagui sweep [options] <programme>'],
    [['keys', '--help'], 'Usage: bagui keys [options] [command]'],
    [['keys', 'create', '--help'], 'Usage: bagui keys create [options]'],
  ])('bagui %j shows usage and examples that work when pasted', async (args, usage) => {
    const { code, stdout } = await bagui(args);
    expect(code).toBe(0);
    expect(stdout.startsWith(usage)).toBe(true);
    expect(stdout).toContain('Examples');
    await expectAllRun(stdout);
  });

  it('the evaluate help names every method, the formats and the budget spellings', async () => {
    const { stdout } = await bagui(['evaluate', '--help']);
    for (const word of ['pro_rata', 'uniform_cap', 'ranked', '--totals-only', '--set <path=value>', '2000万', '--out <file>']) {
      expect(stdout).toContain(word);
    }
  });

  // Some thirty commands, each a fresh process: more than the default 30 s on a busy machine.
  it('the README examples work when pasted', { timeout: 180_000 }, async () => {
    await expectAllRun(await readFile(join(CLI_DIR, 'README.md'), 'utf8'));
  });

  it('the examples of docs/analysis.md work when pasted, in order', async () => {
    await expectAllRun(await readFile(join(REPO_ROOT, 'docs', 'analysis.md'), 'utf8'));
  });
});
