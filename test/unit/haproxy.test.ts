import { describe, expect, it } from 'vitest';
import {
  haproxyShowCommand,
  haproxyStateCommand,
  parseServerStates,
  type HaproxyDrain,
} from '../../src/main/rollout/executors/haproxy';

const DRAIN: HaproxyDrain = { kind: 'haproxy', via: 'lb1', socket: '/run/haproxy/admin.sock', backend: 'web' };

// The shape HAProxy 2.6 prints for `show servers state web` (columns trimmed after the ones read).
const STATE = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change
3 web 1 web1 10.213.0.12 2 8 1 1 12
3 web 2 web2 10.213.0.13 2 0 1 1 4020
3 web 3 web3 10.213.0.14 0 1 1 1 30
`;

describe("HAProxy's runtime API", () => {
  it('builds the drain, ready and show lines from the graph’s values', () => {
    expect(haproxyStateCommand(DRAIN, 'web1', 'drain')).toBe(
      "echo 'set server web/web1 state drain' | socat stdio /run/haproxy/admin.sock",
    );
    expect(haproxyStateCommand(DRAIN, 'web1', 'ready')).toContain("'set server web/web1 state ready'");
    expect(haproxyShowCommand(DRAIN)).toBe("echo 'show servers state web' | socat stdio /run/haproxy/admin.sock");
  });

  it.each([
    [DRAIN, "web1'; rm -rf /"],
    [{ ...DRAIN, backend: 'web;reboot' }, 'web1'],
    [{ ...DRAIN, socket: 'relative/admin.sock' }, 'web1'],
    [{ ...DRAIN, socket: '/run/$(reboot)' }, 'web1'],
  ])('refuses values that are not plain names: %j %s', (drain, server) => {
    expect(() => haproxyStateCommand(drain, server, 'drain')).toThrow(/Not a safe HAProxy/);
  });

  it('reads drained, maintenance and operational state by column name', () => {
    expect(Object.fromEntries(parseServerStates(STATE))).toEqual({
      web1: { drained: true, maintenance: false, operational: 2 },
      web2: { drained: false, maintenance: false, operational: 2 },
      web3: { drained: true, maintenance: true, operational: 0 },
    });
    expect(() => parseServerStates('Unknown command.\n')).toThrow(/no server state header/);
    expect(() => parseServerStates('1\n# be_id srv_name\n3 web1\n')).toThrow(/no srv_admin_state column/);
  });
});
