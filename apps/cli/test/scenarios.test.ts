import { describe, expect, it } from 'vitest';
import { bagui } from './bagui.js';

describe('bagui scenarios', () => {
  it('lists the built-in scenarios by name and title', async () => {
    const { code, stdout, stderr } = await bagui(['scenarios']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'NAME               TITLE                                                                                  DATE        PROGRAMMES',
      'guangxi-2021       Guangxi 2021 (reply letter)                                                            2021-09-23  7',
      'guangxi-2020-2022  Guangxi R&D awards 2020–2022: batches, commitments, exclusions, cities (illustrative)  2020-10-28  5',
    ]);
  });

  it('show NAME prints the scenario file, with every citation', async () => {
    const { code, stdout } = await bagui(['scenarios', 'show', 'guangxi-2021']);
    expect(code).toBe(0);
    const file = JSON.parse(stdout) as {
      schemaVersion: number;
      name: string;
      programmes: { programme: string; envelope: string; citation: string }[];
    };
    expect(file.schemaVersion).toBe(1);
    expect(file.name).toBe('guangxi-2021');
    expect(file.programmes.map((p) => [p.programme, p.envelope])).toEqual([
      ['guidance_fund', '1.5亿'],
      ['tech_upgrade', '1.8亿'],
      ['rd_incentive', '4.07亿'],
      ['nev_support', '15亿'],
      ['hitech_zones', '5000万'],
      ['talent', '1.56亿'],
      ['digital_subsidy', '3000万'],
    ]);
    for (const p of file.programmes) expect(p.citation).not.toBe('');
  });

  it('show refuses an unknown name (exit 2)', async () => {
    const { code, stderr } = await bagui(['scenarios', 'show', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: no built-in scenario named "nope"; the built-in scenarios are guangxi-2021, guangxi-2020-2022\n');
  });
});
