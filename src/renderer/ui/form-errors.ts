import type { ErrorData } from '../../shared/result';

/** Messages for a form: one per field, plus one for the form as a whole. */
export interface FormErrors<K extends string> {
  fields: Partial<Record<K, string>>;
  form: string | null;
}

export const NO_ERRORS: FormErrors<never> = { fields: {}, form: null };

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Files each message under its form field by the path's first segment, so `tags.2` lands under
 * Tags. The first message for a field wins; messages for paths no field shows go to the form.
 */
function fromPaths<K extends string>(entries: Iterable<readonly [string, string]>, known: readonly K[]): FormErrors<K> {
  const fields: Partial<Record<K, string>> = {};
  const stray: string[] = [];
  for (const [path, message] of entries) {
    const head = path.split('.')[0];
    const field = known.find((name) => name === head);
    if (field === undefined) stray.push(message);
    else fields[field] ??= message;
  }
  return { fields, form: stray.length > 0 ? stray.join('; ') : null };
}

/** From a client-side `safeParse` failure. */
export function errorsFromIssues<K extends string>(issues: readonly Issue[], known: readonly K[]): FormErrors<K> {
  return fromPaths(
    issues.map((issue) => [issue.path.map(String).join('.'), issue.message] as const),
    known,
  );
}

/** From a server error: its per-field messages when it has them, else its message for the form. */
export function errorsFromReply<K extends string>(error: ErrorData, known: readonly K[]): FormErrors<K> {
  const errors = fromPaths(Object.entries(error.fields ?? {}), known);
  const placed = errors.form !== null || Object.keys(errors.fields).length > 0;
  return placed ? errors : { fields: {}, form: error.message };
}
