/** How many names a warning lists before it says how many more there are. */
const LISTED = 10;

/** `a`, `a and b`, `a, b and c`; past ten names, `a, b, …, j and 5 more`. */
export function listOf(names: readonly string[]): string {
  if (names.length > LISTED) return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
