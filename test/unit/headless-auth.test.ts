import { describe, expect, it } from 'vitest';
import { judgeRequest, type RequestFacts } from '../../src/main/headless/auth';

const policy = {
  token: 'tok-123',
  allowedHosts: new Set(['127.0.0.1:4000', 'localhost:4000']),
  cookieName: 'patchwise_token_4000',
};
const facts = (overrides: Partial<RequestFacts>): RequestFacts => ({
  method: 'GET',
  host: '127.0.0.1:4000',
  origin: undefined,
  authorization: undefined,
  cookie: undefined,
  queryToken: null,
  kind: 'page',
  ...overrides,
});

describe('headless request check', () => {
  it.each<[string, Partial<RequestFacts>, string]>([
    ['a page with the query token', { queryToken: 'tok-123' }, 'ok'],
    ['a page with the cookie', { cookie: 'a=b; patchwise_token_4000=tok-123' }, 'ok'],
    ['a page with nothing', {}, 'unauthorized'],
    ['a page with a wrong token', { queryToken: 'tok-124' }, 'unauthorized'],
    ['a page with another server’s cookie', { cookie: 'patchwise_token_4001=tok-123' }, 'unauthorized'],
    ['the API with the bearer token', { kind: 'api', method: 'POST', authorization: 'Bearer tok-123' }, 'ok'],
    [
      'the API with only the cookie',
      { kind: 'api', method: 'POST', cookie: 'patchwise_token_4000=tok-123' },
      'unauthorized',
    ],
    ['the API with only the query token', { kind: 'api', method: 'POST', queryToken: 'tok-123' }, 'unauthorized'],
    [
      'the API from our own origin',
      { kind: 'api', authorization: 'Bearer tok-123', origin: 'http://127.0.0.1:4000' },
      'ok',
    ],
    [
      'the API from a foreign origin',
      { kind: 'api', authorization: 'Bearer tok-123', origin: 'http://evil.example' },
      'forbidden',
    ],
    [
      'the API from a look-alike origin',
      { kind: 'api', authorization: 'Bearer tok-123', origin: 'http://127.0.0.1:4000.evil.example' },
      'forbidden',
    ],
    ['a null origin', { authorization: 'Bearer tok-123', origin: 'null' }, 'forbidden'],
    ['a rebound DNS name', { host: 'attacker.example:4000', authorization: 'Bearer tok-123' }, 'forbidden'],
    ['no Host header', { host: undefined, queryToken: 'tok-123' }, 'forbidden'],
    [
      'the event socket with the query token',
      { kind: 'events', queryToken: 'tok-123', origin: 'http://localhost:4000' },
      'ok',
    ],
    [
      'the event socket from a foreign origin',
      { kind: 'events', queryToken: 'tok-123', origin: 'http://evil.example' },
      'forbidden',
    ],
  ])('%s -> %s', (_what, overrides, status) => {
    expect(judgeRequest(facts(overrides), policy).status).toBe(status);
  });

  it('asks to set the cookie only when a page was opened with the query token', () => {
    expect(judgeRequest(facts({ queryToken: 'tok-123' }), policy)).toEqual({ status: 'ok', setCookie: true });
    expect(judgeRequest(facts({ cookie: 'patchwise_token_4000=tok-123' }), policy)).toEqual({
      status: 'ok',
      setCookie: false,
    });
  });
});
