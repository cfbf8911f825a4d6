import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { readJson } from '../json/index.js';
import { Exact, parseRate, rateToString, type Rate } from '../exact/index.js';
import { formatJson, parseAmount, type Fen } from '../money/index.js';
import type { ParameterKind, ParameterValueByKind, Tier } from './types.js';

type Path = readonly (string | number)[];

/** A JSON number is accepted for an amount only when its shortest spelling is exact to the fen. */
function amountText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}

function parseAmountValue(raw: unknown, path: Path): Result<Fen> {
  const text = amountText(raw);
  if (text === undefined) {
    return fail(
      problem('PARAMETER.WRONG_TYPE', 'expected an amount in yuan, e.g. "5000000" or "500万"', { path, value: JSON.stringify(raw) }),
    );
  }
  const parsed = parseAmount(text);
  if (parsed.ok) return parsed;
  return fail(...parsed.problems.map((p) => relocate(p, path)));
}

function parseRateValue(raw: unknown, path: Path): Result<Rate> {
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return fail(problem('PARAMETER.WRONG_TYPE', 'expected a rate, e.g. "0.15" or "15%"', { path, value: JSON.stringify(raw) }));
  }
  const parsed = parseRate(raw);
  if (parsed.ok) return parsed;
  return fail(...parsed.problems.map((p) => relocate(p, path)));
}

function relocate(p: Problem, path: Path): Problem {
  return problem(p.code, p.message, { ...p.location, path });
}

const tierSchema = z.strictObject({
  min_intensity: z.union([z.string(), z.number()]),
  rate: z.union([z.string(), z.number()]),
});
const tiersSchema = z.array(tierSchema).min(1);

function parseTiersValue(raw: unknown, path: Path): Result<readonly Tier[]> {
  let value = raw;
  if (typeof raw === 'string') {
    // Read as every JSON input is: a key given twice refused (a second "rate" must not quietly win), exact numbers kept as text.
    const read = readJson(raw);
    if (!read.ok) {
      return fail(
        ...read.problems.map((found) =>
          problem(
            'PARAMETER.WRONG_TYPE',
            found.code === 'JSON.DUPLICATE_KEY'
              ? 'a tier gives a key twice: give each tier one "min_intensity" and one "rate"'
              : `tiers must be JSON: [{"min_intensity":"0","rate":"0.10"}, …]; ${found.message}`,
            { path, value: raw },
          ),
        ),
      );
    }
    value = read.value;
  }
  const shape = tiersSchema.safeParse(value);
  if (!shape.success) {
    return fail(
      ...shape.error.issues.map((issue) =>
        problem('PARAMETER.WRONG_TYPE', `tiers must be a non-empty list of {"min_intensity", "rate"}: ${issue.message}`, {
          path: [...path, ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))],
        }),
      ),
    );
  }
  const problems: Problem[] = [];
  const tiers: Tier[] = [];
  shape.data.forEach((tier, index) => {
    const minIntensity = parseRateValue(tier.min_intensity, [...path, index, 'min_intensity']);
    const rate = parseRateValue(tier.rate, [...path, index, 'rate']);
    if (!minIntensity.ok) problems.push(...minIntensity.problems);
    if (!rate.ok) problems.push(...rate.problems);
    if (minIntensity.ok && rate.ok) tiers.push({ minIntensity: minIntensity.value, rate: rate.value });
  });
  for (let i = 1; i < tiers.length && problems.length === 0; i++) {
    const prev = tiers[i - 1];
    const tier = tiers[i];
    if (prev !== undefined && tier !== undefined && !tier.minIntensity.gt(prev.minIntensity)) {
      problems.push(
        problem(
          'PARAMETER.TIERS_NOT_ASCENDING',
          `tiers must have strictly ascending min_intensity: ${rateToString(tier.minIntensity)} follows ${rateToString(prev.minIntensity)}`,
          { path: [...path, i, 'min_intensity'] },
        ),
      );
    }
  }
  return problems.length > 0 ? fail(...problems) : ok(tiers);
}

/** Parses and checks a value of the given kind; problems carry `path`. */
export function parseParameterValue<K extends ParameterKind>(kind: K, raw: unknown, path: Path): Result<ParameterValueByKind[K]> {
  switch (kind) {
    case 'amount':
      return parseAmountValue(raw, path) as Result<ParameterValueByKind[K]>;
    case 'unit': {
      const amount = parseAmountValue(raw, path);
      if (amount.ok && amount.value <= 0) {
        return fail(
          problem('PARAMETER.UNIT_NOT_POSITIVE', 'a rounding unit must be a positive multiple of 0.01 yuan', { path, value: String(raw) }),
        );
      }
      return amount as Result<ParameterValueByKind[K]>;
    }
    case 'rate':
      return parseRateValue(raw, path) as Result<ParameterValueByKind[K]>;
    case 'tiers':
      return parseTiersValue(raw, path) as Result<ParameterValueByKind[K]>;
    case 'boolean':
      return parseBooleanValue(raw, path) as Result<ParameterValueByKind[K]>;
    case 'decimal':
      return parseDecimalValue(raw, path) as Result<ParameterValueByKind[K]>;
    default: {
      const unlisted: never = kind; // a new case fails to compile, not at run time
      throw new Error(`unknown parameter kind ${String(unlisted)}`);
    }
  }
}

function parseBooleanValue(raw: unknown, path: Path): Result<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 'true' || raw === 'false') return ok(raw === 'true');
  return fail(problem('PARAMETER.WRONG_TYPE', 'expected true or false', { path, value: JSON.stringify(raw) }));
}

function parseDecimalValue(raw: unknown, path: Path): Result<Decimal> {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined || !/^\d+(\.\d+)?$/u.test(text)) {
    return fail(
      problem('PARAMETER.WRONG_TYPE', 'expected a non-negative decimal number, e.g. "60" or "1.5"', { path, value: JSON.stringify(raw) }),
    );
  }
  return ok(new Exact(text));
}

/** The canonical spelling of a value: what JSON output and summaries show. */
export function displayValue(kind: ParameterKind, value: ParameterValueByKind[ParameterKind]): string {
  switch (kind) {
    case 'amount':
    case 'unit':
      return formatJson(value as Fen);
    case 'rate':
      return rateToString(value as Rate);
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'decimal':
      return (value as Decimal).toFixed();
    case 'tiers':
      return JSON.stringify(
        (value as readonly Tier[]).map((t) => ({ min_intensity: rateToString(t.minIntensity), rate: rateToString(t.rate) })),
      );
    default: {
      const unlisted: never = kind; // a new case fails to compile, not at run time
      throw new Error(`unknown parameter kind ${String(unlisted)}`);
    }
  }
}
