import { PROGRAMMES } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { PlannerEngine } from '../engine/engine';
import { en } from './en';
import { createI18n, storedLang } from './index';
import { zhCN } from './zh-CN';

/** Every key path of a nested catalogue: `app.title`, … */
function keys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('message catalogues', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const catalogue of [zhCN, en]) {
      for (const key of keys(catalogue)) {
        const value = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], catalogue);
        expect(value, key).not.toBe('');
      }
    }
  });

  it('hold every key the planner’s code asks for', () => {
    const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true });
    const asked = new Set<string>();
    for (const text of Object.values<string>(sources)) {
      for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z_.]+)'/gu)) if (m[1] !== undefined) asked.add(m[1]);
    }
    expect(asked.size).toBeGreaterThan(100);
    const flat = new Set(keys(zhCN).map((k) => k.replace(/_(one|other)$/u, '')));
    expect([...asked].filter((k) => !flat.has(k))).toEqual([]);
  });

  it('fail a key that is missing in one language', () => {
    const broken = { ...en, nav: { ...en.nav } } as Record<string, unknown>;
    delete (broken.nav as Record<string, unknown>).plan;
    expect(keys(broken).sort()).not.toEqual(keys(zhCN).sort());
  });

  it('name every envelope method, trace step and parameter unit the engine can show', () => {
    for (const p of PROGRAMMES) {
      for (const m of p.methods) expect(Object.keys(zhCN.method)).toContain(m);
      for (const d of p.parameters) expect(Object.keys(zhCN.unit), d.path).toContain(d.unit);
      expect(Object.keys(zhCN.rules)).toContain(p.key);
    }
    const engine = new PlannerEngine();
    for (const entry of GUANGXI_2021.programmes) {
      const view = engine.programme(GUANGXI_2021, entry.programme);
      if (!view.ok) throw new Error(view.problems[0]?.message);
      for (let i = 0; i < Math.min(view.value.ids.length, 50); i++) {
        const trace = engine.trace(GUANGXI_2021, entry.programme, i);
        if (!trace.ok) throw new Error(trace.problems[0]?.message);
        for (const step of trace.value) {
          expect(Object.keys(zhCN.trace), `${entry.programme}: ${step.step}`).toContain(step.step);
          expect(Object.keys(zhCN.traceHelp), `${entry.programme}: ${step.step}`).toContain(step.step);
        }
      }
    }
  });

  it('start in Chinese whatever the browser says, and keep a chosen English', () => {
    expect(storedLang({ getItem: () => null })).toBe('zh-CN');
    expect(storedLang({ getItem: () => 'en' })).toBe('en');
    expect(storedLang({ getItem: () => 'fr' })).toBe('zh-CN');
    const i18n = createI18n('zh-CN');
    expect(i18n.t('nav.plan')).toBe('2021年计划');
    expect(i18n.t('problems.heading', { count: 2 })).toBe('无法计算：2 个问题');
    void i18n.changeLanguage('en');
    expect(i18n.t('problems.heading', { count: 1 })).toBe('Cannot compute: 1 problem');
    expect(document.documentElement.lang).toBe('en');
  });
});
