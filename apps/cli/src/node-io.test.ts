import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFile, writeFileAtomically } from './node-io.js';

/** A fresh folder for each test. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bagui-io-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
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

describe('openFile', () => {
  it('gives the size and the bytes in chunks of at most 1 MiB, in order', async () => {
    const bytes = new Uint8Array(2.5 * 2 ** 20).map((_, i) => i % 251);
    await writeFile(join(dir, 'big.csv'), bytes);
    const file = await openFile(join(dir, 'big.csv'));
    expect(file.size).toBe(bytes.length);
    const chunks: Uint8Array[] = [];
    for await (const chunk of file.chunks) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.length <= 2 ** 20)).toBe(true);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects a missing file and a directory with their system error codes', async () => {
    await expect(openFile(join(dir, 'none.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(openFile(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
