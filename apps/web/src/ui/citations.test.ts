import { yuan } from '@bagui/core/money';
import { PROGRAMMES, findProgramme, programmeRegistry } from '@bagui/core/programmes';
import { BUILTIN_SCENARIOS } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { CITATIONS_ZH, citationText } from './citations';

/** Every string under a citation, assumption(s) or note(s) field of plain data, wherever it sits. */
function collect(value: unknown, into: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, x] of Object.entries(value)) {
    if (/^(citation|assumptions?|notes?)$/u.test(key) && typeof x === 'string') {
      into.add(x);
    } else if (/^(assumptions|notes)$/u.test(key) && Array.isArray(x)) {
      for (const s of x) if (typeof s === 'string') into.add(s);
    } else {
      collect(x, into);
    }
  }
}

/** The letter sections core's talent trace quotes for each talent programme (`特聘专家 (letter 二 六是): 1 × …`). */
function talentTraceCitations(): string[] {
  const talent = findProgramme('talent');
  if (talent === undefined) throw new Error('no talent programme');
  const choices = talent.applicantFields.find((f) => f.name === 'programme')?.choices ?? [];
  const read = talent.readApplicants(choices.map((c, i) => ({ id: `line${i}`, programme: c.value, head_count: 1 })));
  const parameters = programmeRegistry('talent').resolve('2021-06-30');
  if (!read.ok || !parameters.ok) throw new Error('talent lines not read');
  const outcome = talent.evaluate(read.value, parameters.value, { budget: yuan(1_000_000_000), method: talent.defaultMethod });
  if (!outcome.ok) throw new Error('talent lines not evaluated');
  return choices.map((_, i) => {
    const branch = outcome.value.trace(i).find((s) => s.step === 'stipend')?.branch ?? '';
    const section = /^.+ \((.*)\): \d+ × \S+$/u.exec(branch)?.[1];
    if (section === undefined) throw new Error(`no letter section in ${branch}`);
    return section;
  });
}

/** Every citation, ⚠ assumption and note core ships: the programmes' and their parameters', and the built-in scenarios' (and their titles). */
function builtinStrings(): Set<string> {
  const found = new Set<string>();
  for (const programme of PROGRAMMES) {
    found.add(programme.citation);
    collect(programme.parameters, found);
  }
  collect(BUILTIN_SCENARIOS, found);
  for (const scenario of BUILTIN_SCENARIOS) found.add(scenario.title);
  for (const section of talentTraceCitations()) found.add(section);
  return found;
}

describe('the Chinese of core’s citations', () => {
  const builtin = builtinStrings();

  it('finds the built-in strings where core keeps them', () => {
    expect(builtin.size).toBeGreaterThan(70);
    expect(builtin).toContain('letter 一(一)二');
    expect(builtin).toContain('letter 二 六是');
    expect(builtin).toContain('Bagui: awards are paid to the fen');
    expect(builtin).toContain('⚠ 120 synthetic projects: no public count of 2021 applications');
    expect(builtin).toContain('Guangxi 2021 (reply letter)');
  });

  it('has a Chinese entry for every built-in citation, assumption and note', () => {
    const missing = [...builtin].filter((s) => !CITATIONS_ZH.has(s));
    expect(missing).toEqual([]);
  });

  it('has no entry whose English core no longer ships', () => {
    const stale = [...CITATIONS_ZH.keys()].filter((s) => !builtin.has(s));
    expect(stale).toEqual([]);
  });

  it('keeps the marks, numbers, documents and names of each English text in its Chinese', () => {
    for (const [english, chinese] of CITATIONS_ZH) {
      expect(chinese.trim()).not.toBe('');
      expect(chinese.includes('⚠')).toBe(english.includes('⚠'));
      expect(chinese).not.toMatch(/\bletter\b|assumption|synthetic|Xinhua|\bours\b/u);
      for (const kept of english.match(
        /〔\d{4}〕\d+号|\d{4}-\d{2}-\d{2}|[\w.]+\.(?:gov\.cn|com|cn|md)|[\d.,]+[万亿]|pro_rata|[一二三四五六七八九十]\([一二三四五六七八九十]\)[一二三四五六七八九十]*/gu,
      ) ?? [])
        expect(chinese, english).toContain(kept);
    }
  });

  it('says the letter, an assumption and synthetic data the same way throughout', () => {
    expect(citationText('letter 一(一)二', 'zh-CN')).toBe('复函 一(一)二');
    expect(citationText('⚠ assumption: no public per-person figure found', 'zh-CN')).toBe('⚠ 假设：未查到公开的人均资助标准');
    for (const [english, chinese] of CITATIONS_ZH) {
      if (english.startsWith('letter ')) expect(chinese.startsWith('复函 ')).toBe(true);
      if (english.startsWith('⚠ assumption: ')) expect(chinese.startsWith('⚠ 假设：')).toBe(true);
      if (english.includes('synthetic')) expect(chinese).toContain('模拟');
      if (/\bours\b/u.test(english)) expect(chinese).toContain('本模型设定');
    }
  });

  it('leaves text it does not know, and every text in English, as written', () => {
    expect(citationText('letter 一(一)二', 'en')).toBe('letter 一(一)二');
    expect(citationText('⚠ assumption: our own figure', 'zh-CN')).toBe('⚠ assumption: our own figure');
    expect(citationText('见2021年内部会议纪要', 'zh-CN')).toBe('见2021年内部会议纪要');
    expect(citationText('', 'zh-CN')).toBe('');
    expect(citationText('constructor', 'zh-CN')).toBe('constructor');
    for (const english of builtin) expect(citationText(english, 'en')).toBe(english);
  });
});
