import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './node-io.js';

describe('writeFileAtomically', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bagui-io-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every chunk', async () => {
    await writeFileAtomically(join(dir, 'out.json'), ['{', '"a":1', '}']);
    expect(await readFile(join(dir, 'out.json'), 'utf8')).toBe('{"a":1}');
    expect(await readdir(dir)).toEqual(['out.json']);
  });

  it('leaves the previous file untouched and no temporary file when producing the output fails', async () => {
    const target = join(dir, 'out.json');
    await writeFile(target, 'previous result');
    function* failing(): Generator<string> {
      yield 'half of a ';
      throw new Error('failed while rendering');
    }
    await expect(writeFileAtomically(target, failing())).rejects.toThrow('failed while rendering');
    expect(await readFile(target, 'utf8')).toBe('previous result');
    expect(await readdir(dir)).toEqual(['out.json']);
  });
});
