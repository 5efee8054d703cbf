import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract';
import type { CallContext } from '../ports';

/**
 * One handler per command. The mapped type makes a missing handler a compile error, so a command
 * added to the contract cannot ship without one.
 */
export type Handlers = {
  [K in CommandName]: (input: CommandInput<K>, ctx: CallContext) => CommandOutput<K> | Promise<CommandOutput<K>>;
};
