import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  method: string;
  /** The Host header. */
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  /** The `token` query parameter. */
  queryToken: string | null;
  /** What is being asked for: the API, the event socket, or a page and its assets. */
  kind: 'api' | 'events' | 'page';
}

export interface AuthPolicy {
  token: string;
  /** `host:port` values this server answers to (DNS rebinding defence). */
  allowedHosts: ReadonlySet<string>;
  cookieName: string;
}

export type Verdict =
  | { status: 'ok'; setCookie: boolean }
  | { status: 'forbidden'; reason: string }
  | { status: 'unauthorized'; reason: string };

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Decides whether a request may proceed. Foreign Host or Origin headers are refused before the
 * token is looked at. The API takes only the bearer header, so a cookie can never authorise a
 * state-changing call; pages and the event socket (which browsers cannot give headers) also take
 * the query token or the HttpOnly cookie set when the page was first opened with it.
 */
export function judgeRequest(facts: RequestFacts, policy: AuthPolicy): Verdict {
  if (!facts.host || !policy.allowedHosts.has(facts.host.toLowerCase())) {
    return { status: 'forbidden', reason: 'unexpected Host header' };
  }
  if (facts.origin !== undefined && !policy.allowedHosts.has(originHost(facts.origin))) {
    return { status: 'forbidden', reason: 'foreign Origin' };
  }
  const bearer = /^Bearer (.+)$/.exec(facts.authorization ?? '')?.[1];
  if (sameToken(bearer, policy.token)) return { status: 'ok', setCookie: false };
  if (facts.kind === 'api') return { status: 'unauthorized', reason: 'missing or wrong bearer token' };
  if (sameToken(facts.queryToken, policy.token)) return { status: 'ok', setCookie: facts.kind === 'page' };
  if (sameToken(cookieValue(facts.cookie, policy.cookieName), policy.token)) return { status: 'ok', setCookie: false };
  return { status: 'unauthorized', reason: 'missing or wrong token' };
}

function originHost(origin: string): string {
  const match = /^http:\/\/([^/]+)$/.exec(origin);
  return match?.[1]?.toLowerCase() ?? '';
}
