/**
 * The decimal Excel shows for a number cell: the double rounded to 15 significant digits (as
 * Excel's formula bar shows it), in its shortest form, without exponent or trailing zeros.
 * `0.30000000000000004` (0.1 + 0.2 stored by a formula) is `0.3`; `1234.5` is `1234.5`;
 * `1e21` is `1000000000000000000000`. Text formatting only: no arithmetic is done on the value,
 * so money read from a cell is validated by core's `parseAmount` exactly as if it were typed in
 * a CSV file (more than two decimals is core's error, not rounded here).
 */
export function excelDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (value === 0) return '0';
  // For a double whose shortest round-trip decimal has 15 or fewer digits, toPrecision(15) is
  // that decimal padded with zeros: the binary value lies within half an ulp of it, far less
  // than half a unit in the 15th digit.
  const written = value.toPrecision(15);
  const sign = written.startsWith('-') ? '-' : '';
  const unsigned = sign === '' ? written : written.slice(1);
  const e = unsigned.indexOf('e');
  let plain: string;
  if (e === -1) {
    plain = unsigned;
  } else {
    const mantissa = unsigned.slice(0, e).replace('.', '');
    const exponent = Number(unsigned.slice(e + 1));
    const point = exponent + 1; // digits before the decimal point
    if (point <= 0) plain = `0.${'0'.repeat(-point)}${mantissa}`;
    else if (point >= mantissa.length) plain = mantissa + '0'.repeat(point - mantissa.length);
    else plain = `${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
  }
  if (plain.includes('.')) plain = plain.replace(/0+$/u, '').replace(/\.$/u, '');
  return sign + plain;
}
