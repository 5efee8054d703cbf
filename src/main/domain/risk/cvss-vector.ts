// What CVSS v3.x and v4.0 vectors share: the grammar of `CVSS:x.y/AB:C/...`, the error type, and
// the qualitative severity scale.

export type CvssSeverity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';

export type CvssVectorErrorCode =
  | 'bad_prefix'
  | 'malformed_metric'
  | 'unknown_metric'
  | 'duplicate_metric'
  | 'bad_value'
  | 'missing_metric'
  | 'out_of_order';

/** A vector string that is not a valid CVSS vector; `code` says which rule it broke. */
export class CvssVectorError extends Error {
  constructor(
    readonly code: CvssVectorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CvssVectorError';
  }
}

/** The qualitative rating scale, identical in v3.0, v3.1 and v4.0. Scores are already rounded. */
export function severityOf(score: number): CvssSeverity {
  if (score === 0) return 'None';
  if (score < 4) return 'Low';
  if (score < 7) return 'Medium';
  if (score < 9) return 'High';
  return 'Critical';
}

type MetricTable = Readonly<Record<string, readonly string[]>>;
export type MetricValues<T extends MetricTable> = { -readonly [K in keyof T]: T[K][number] };

export interface VectorGrammar<T extends MetricTable> {
  prefixes: readonly string[];
  /** Every metric in its specified order; optional metrics must accept `X` (Not Defined). */
  metrics: T;
  mandatory: readonly (keyof T & string)[];
  /** v4.0 declares any order but the specified one invalid; v3.x readers must accept any order. */
  ordered: boolean;
}

/**
 * Splits `PREFIX/M:V/...` into a complete record of metric values (absent optional metrics
 * become `X`). Throws CvssVectorError on anything the specification calls invalid.
 */
export function parseVector<T extends MetricTable>(
  vector: string,
  grammar: VectorGrammar<T>,
): { prefix: string; metrics: MetricValues<T> } {
  const [prefix = '', ...parts] = vector.split('/');
  if (!grammar.prefixes.includes(prefix)) {
    const shown = prefix.length > 16 ? `${prefix.slice(0, 16)}…` : prefix;
    throw new CvssVectorError(
      'bad_prefix',
      `expected a vector starting ${grammar.prefixes.join(' or ')}, not "${shown}"`,
    );
  }
  const order = Object.keys(grammar.metrics);
  const seen = new Map<string, string>();
  let lastIndex = -1;
  for (const part of parts) {
    const match = /^([A-Z]+):([A-Za-z]+)$/.exec(part);
    if (!match) throw new CvssVectorError('malformed_metric', `"${part}" is not a METRIC:VALUE pair`);
    const [, name = '', value = ''] = match;
    const index = order.indexOf(name);
    const allowed = grammar.metrics[name];
    if (index < 0 || allowed === undefined) throw new CvssVectorError('unknown_metric', `unknown metric ${name}`);
    if (seen.has(name)) throw new CvssVectorError('duplicate_metric', `metric ${name} appears more than once`);
    if (!allowed.includes(value)) {
      throw new CvssVectorError('bad_value', `${name}:${value} is not valid; ${name} takes ${allowed.join(', ')}`);
    }
    if (grammar.ordered && index < lastIndex) {
      throw new CvssVectorError('out_of_order', `metric ${name} is out of the specified order`);
    }
    lastIndex = index;
    seen.set(name, value);
  }
  const missing = grammar.mandatory.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new CvssVectorError(
      'missing_metric',
      `missing base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  }
  // Every name is now either seen or optional, and the metric tables give optional metrics an X.
  const metrics = Object.fromEntries(order.map((name) => [name, seen.get(name) ?? 'X'])) as MetricValues<T>;
  return { prefix, metrics };
}

/** A vector of these metrics in the grammar's order, leaving out the Not Defined (`X`) ones. */
export function formatVector<T extends MetricTable>(
  prefix: string,
  metrics: MetricValues<T>,
  grammar: VectorGrammar<T>,
): string {
  const values = metrics as Record<string, string>;
  const parts = Object.keys(grammar.metrics).flatMap((name) =>
    values[name] === undefined || values[name] === 'X' ? [] : [`${name}:${values[name]}`],
  );
  return [prefix, ...parts].join('/');
}
