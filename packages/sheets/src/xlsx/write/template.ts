import type { ApplicantFieldInfo } from '@bagui/core/programmes';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../cells/index.js';
import { NOTES_MARKER } from '../walker.js';
import { HEADER_BORDER, HEADER_FILL, HEADER_FONT, NOTES_FILL, sheetName, textWidth } from './style.js';
import { addValidation, commitSheet, inMemoryTarget, type WorkbookTarget } from './target.js';

export interface TemplateInput {
  /** The programme, for the sheet's name. */
  readonly programme: { readonly key: string; readonly label: { readonly zh: string; readonly en: string } };
  /** Its applicant fields: `programme.applicantFields`, or core's ENTERPRISE_FIELDS for rd_incentive. */
  readonly fields: readonly ApplicantFieldInfo[];
  /** Rows under the header that get the drop-downs; 1,000 when absent. */
  readonly rows?: number;
}

/** The notes row: what each column takes, in both languages. Starts with NOTES_MARKER so the readers skip it. */
export function fieldNote(field: ApplicantFieldInfo): string {
  const need = field.required ? '必填 required' : `选填 optional${field.default === undefined ? '' : `, 默认 default ${field.default}`}`;
  const what = ((): string => {
    switch (field.kind) {
      case 'id':
        return '编号，1–64 个字符，不可重复 / id of 1–64 characters, unique';
      case 'amount':
        return '金额（元），如 5000000、5,000,000.00、500万、0.05亿元 / amount in yuan, e.g. 5000000 or 500万';
      case 'boolean':
        return '是/否 (√/×, Y/N, 1/0) / yes or no';
      case 'scale':
        return '规上/规下 (规模以上/规模以下, above/below)';
      case 'decimal':
        return `数字${field.max === undefined ? '' : ` 0–${field.max}`} / a number${field.max === undefined ? '' : ` from 0 to ${field.max}`}`;
      case 'count':
        return '整数 / a whole number';
      case 'choice':
        return (field.choices ?? []).map((c) => `${c.zh} (${c.value})`).join('、');
      default:
        return '文本 / text';
    }
  })();
  return `${NOTES_MARKER} ${need}；${what}`;
}

/** The choices a drop-down offers for a field, or undefined for a column without one. */
function dropDown(field: ApplicantFieldInfo): string[] | undefined {
  switch (field.kind) {
    case 'boolean':
      return ['是', '否'];
    case 'scale':
      return ['规上', '规下'];
    case 'choice':
      return (field.choices ?? []).map((c) => c.zh);
    default:
      return undefined;
  }
}

/**
 * An applicant template for a programme: its Chinese headers in row 1 (what the readers take as
 * the header), the English names in row 2, a notes row (each cell starting with ※) in row 3 —
 * both skipped when the filled-in template is read — and drop-downs for scale, booleans and
 * choices. Amount columns are text-formatted-free numbers: `500万` and `5000000` both work.
 */
export function writeTemplate(target: WorkbookTarget, input: TemplateInput): void {
  const { fields } = input;
  const rows = input.rows ?? 1000;
  const sheet = target.workbook.addWorksheet(sheetName(input.programme.label.zh), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
  });
  const notes = fields.map(fieldNote);
  sheet.columns = fields.map((f, i) => ({
    width: Math.min(40, Math.max(12, textWidth(f.zh) + 4, textWidth(f.name) + 4, Math.ceil(textWidth(notes[i] ?? '') / 3))),
  }));
  const zh = sheet.addRow(fields.map((f) => f.zh));
  zh.eachCell((cell, column) => {
    cell.font = { ...HEADER_FONT, color: { argb: fields[column - 1]?.required === true ? 'FFC00000' : 'FF000000' } };
    cell.fill = HEADER_FILL;
  });
  zh.commit();
  const en = sheet.addRow(fields.map((f) => f.name));
  en.eachCell((cell) => {
    cell.font = { italic: true, color: { argb: 'FF595959' } };
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
  });
  en.commit();
  const noteRow = sheet.addRow(notes);
  noteRow.height = 45;
  noteRow.eachCell((cell) => {
    cell.font = { size: 9, color: { argb: 'FF595959' } };
    cell.fill = NOTES_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  noteRow.commit();
  fields.forEach((field, i) => {
    const choices = dropDown(field);
    if (choices === undefined) return;
    const letter = columnLetter(i + 1);
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: !field.required,
      formulae: [`"${choices.join(',')}"`],
      // A warning, not a stop: the readers accept more spellings than the list shows (above, √, Y…).
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: field.zh,
      error: `请从列表中选择：${choices.join('、')}`,
    };
    addValidation(sheet, `${letter}4:${letter}${rows + 3}`, validation);
  });
  commitSheet(sheet);
}

/** The template as XLSX bytes (browser and Node). */
export async function buildTemplate(input: TemplateInput): Promise<Uint8Array> {
  const target = inMemoryTarget();
  writeTemplate(target, input);
  return (await target.finish()) ?? new Uint8Array(0);
}
