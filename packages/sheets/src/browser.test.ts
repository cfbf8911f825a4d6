import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The planner's way in: Vite bundles `@bagui/sheets/xlsx` and `/csv` for the browser, where
 * exceljs resolves to its browser build (its package.json "browser" field). The bundle must hold
 * no Node built-in, and it must work: written, read back, a template, a GBK decode.
 */
describe('the browser bundle (Vite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagui-sheets-browser-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles without Node built-ins and runs', { timeout: 120_000 }, async () => {
    const output = (await build({
      root: new URL('..', import.meta.url).pathname,
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: new URL('./test-support/browser-smoke.ts', import.meta.url).pathname, formats: ['es'], fileName: 'smoke' },
      },
    })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
    const code = chunks.map((c) => c.code).join('\n');
    expect(code).not.toMatch(/from ["']node:|require\(["'](?:fs|stream|zlib|path|os|crypto)["']\)/u);
    const file = join(dir, 'smoke.mjs');
    writeFileSync(file, code);
    const { smoke } = (await import(pathToFileURL(file).href)) as { smoke: () => Promise<string> };
    expect(JSON.parse(await smoke())).toEqual({
      table: {
        ok: true,
        value: {
          sheet: 's',
          header: ['id', '金额'],
          records: [
            {
              sheet: 's',
              row: 2,
              cells: [
                { kind: 'text', text: '=2+3' },
                { kind: 'number', text: '1234.56' },
              ],
            },
          ],
        },
      },
      template: true,
      csv: { ok: true, value: { text: '中\n', encoding: 'gb18030', source: 'detected', bom: false } },
    });
  });
});
