/**
 * Writes the files in src/fixtures/ (committed, so that tests read real files as a person would
 * give them): `npx tsx src/test-support/make-fixtures.ts`. Each is described in src/fixtures/README.md.
 */
import { writeFileSync } from 'node:fs';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { buildTemplate } from '../xlsx/index.js';

const dir = new URL('../fixtures/', import.meta.url);
const write = (name: string, bytes: Uint8Array | string): void => writeFileSync(new URL(name, dir), bytes);

const ZH = '企业编号,企业名称,规模,主营业务收入,研发费用,上年研发费用,高新技术企业,瞪羚企业,享受加计扣除,所属城市,行业';
const ROWS = [
  'GX-0001,南宁甲科技有限公司,规上,50000000,500万,300万,是,否,是,南宁,电子信息',
  'GX-0002,柳州乙机械厂,规下,"1,200,000.50",8万,6万,否,否,是,柳州,机械',
];
const csv = [ZH, ...ROWS].join('\r\n') + '\r\n';

write('gbk.csv', iconv.encode(csv, 'gbk'));
write('bom.csv', `\uFEFF${csv}`);
write('chinese-headers.csv', csv);
write(
  'units-in-headers.csv',
  '\uFEFF企业编号,规模,主营业务收入（万元）,研发费用(元),上年研发费用（亿元）\r\nGX-0001,规上,5000,5000000,0.03\r\n',
);
write('extra-columns.csv', `\uFEFF序号,${ZH},备注,联系人\r\n1,${ROWS[0]},首次申报,张三\r\n2,${ROWS[1]},,李四\r\n`);
write('renamed-csv.xlsx', csv);

async function book(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  write(name, bytes);
  return bytes;
}
const header = ZH.split(',');
const row = (i: number): (string | number | boolean)[] => [
  `GX-${String(i).padStart(4, '0')}`,
  `企业${i}`,
  i % 2 === 0 ? '规上' : '规下',
  10_000_000 + i,
  500_000,
  400_000,
  true,
  false,
  true,
  '南宁',
  '制造',
];

const twoSheets = await book('two-sheets.xlsx', (wb) => {
  wb.addWorksheet('说明').addRows([['本工作簿第二张表为申报数据']]);
  wb.addWorksheet('申报表').addRows([header, row(1), row(2)]);
});
write('broken.xlsx', twoSheets.subarray(0, Math.floor(twoSheets.length * 0.6)));
await book('merged-header.xlsx', (wb) => {
  const ws = wb.addWorksheet('Sheet1');
  ws.addRows([['企业信息', '', '规模', '金额', '', ''], row(1)]);
  ws.mergeCells('A1:B1');
  ws.mergeCells('D1:F1');
});
await book('empty-rows.xlsx', (wb) => {
  const ws = wb.addWorksheet('Sheet1');
  ws.addRows([header, row(1), [], row(3), row(4), [], []]);
});
await book('formula.xlsx', (wb) => {
  const ws = wb.addWorksheet('Sheet1');
  ws.addRows([header, row(1), row(2)]);
  ws.getCell('E2').value = { formula: 'D2*0.05', result: 500000.05 };
  ws.getCell('E3').value = { formula: 'D3*0.05' };
});
await book('date.xlsx', (wb) => {
  const ws = wb.addWorksheet('Sheet1');
  ws.addRows([header, row(1)]);
  ws.getCell('E2').value = new Date(Date.UTC(2021, 5, 30));
  ws.getCell('E2').numFmt = 'yyyy-mm-dd';
});
const template = new ExcelJS.Workbook();
await template.xlsx.load(
  (await buildTemplate({ programme: rdIncentiveProgramme, fields: rdIncentiveProgramme.applicantFields })) as unknown as ArrayBuffer,
);
const sheet = template.worksheets[0];
if (sheet === undefined) throw new Error('no template sheet');
sheet.getRow(4).values = ['GX-0001', '南宁甲科技有限公司', '规上', 50_000_000, '500万', '300万', '是', '否', '是', '南宁', '电子信息'];
sheet.getRow(5).values = ['GX-0002', '柳州乙机械厂', '规模以下', '１，２００，０００．５０', '8 万', '6万', '×', '×', '√', '柳州', '机械'];
write('filled-template.xlsx', new Uint8Array(await template.xlsx.writeBuffer()));
console.log('fixtures written');
