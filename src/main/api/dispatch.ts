import type { z } from 'zod';
import { commands, isCommandName } from '../../shared/contract';
import { AppError, fail, ok, type Envelope } from '../../shared/result';
import type { CallContext } from '../ports';
import type { Handlers } from './router';

export type Dispatch = (name: unknown, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

/** Field path -> the first message for it, so a form can show each message beside its field. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * The single way into the router for every transport: checks the name, parses the input with the
 * contract's schema, runs the handler, and turns every outcome into an envelope. Outputs are
 * parsed too, so a handler can never leak a field the contract does not declare.
 */
export function createDispatch(handlers: Handlers, logError: (error: unknown) => void = console.error): Dispatch {
  return async (name, input, ctx) => {
    if (!isCommandName(name)) {
      return fail('unknown_command', `Unknown command: ${typeof name === 'string' ? name.slice(0, 80) : typeof name}`);
    }
    const spec = commands[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const fields = fieldMessages(parsed.error);
      return fail('invalid_input', Object.values(fields).join('; '), fields);
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value: unknown = await handler(parsed.data, ctx);
      return ok(spec.output.parse(value));
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      logError(error);
      return fail('internal', `Internal error while running ${name}; see the log for details`);
    }
  };
}
