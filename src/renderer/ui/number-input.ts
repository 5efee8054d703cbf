/**
 * Text from a number input, for a zod number schema. Empty becomes NaN, not 0 (as `Number('')`
 * would), so the schema reports "must be a number" rather than an out-of-range value.
 */
export function numberFromInput(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}
