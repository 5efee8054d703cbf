import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, EVENT_NAMES, events } from '../../src/shared/contract';
import { createHandlers } from '../../src/main/api/handlers';
import type { Handlers } from '../../src/main/api/router';
import { makeApp } from './support';

describe('the contract', () => {
  it('defines a schema for every command name and every event name, and no others', () => {
    expect(Object.keys(commands).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('has a function for every command in the running router', () => {
    const handlers = createHandlers(makeApp().services);
    expect(Object.keys(handlers).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('makes a missing handler a compile error', () => {
    const withoutOne = (handlers: Handlers): Omit<Handlers, 'fleet.list'> => {
      const { 'fleet.list': _dropped, ...rest } = handlers;
      return rest;
    };
    // @ts-expect-error -- a router without `fleet.list` is not a Handlers; tsc (npm run typecheck) fails if it were.
    const incomplete: Handlers = withoutOne({} as Handlers);
    expect(incomplete).toBeDefined();
  });
});
