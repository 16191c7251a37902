import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { guardRequest } from './request-guard.js';
import { WebHttpError } from './web-http-error.js';

const port = 4321;
const token = 'session-token-abc';

function attempt(
  headers: Record<string, string>,
  options: { method?: string; path?: string } = {},
): number | 'allowed' {
  const path = options.path ?? '/api/runs';
  const request = {
    method: options.method ?? 'GET',
    headers,
    url: path,
  } as unknown as IncomingMessage;
  try {
    guardRequest(request, new URL(path, 'http://127.0.0.1'), { port, token });
    return 'allowed';
  } catch (error) {
    if (error instanceof WebHttpError) return error.status;
    throw error;
  }
}

const host = { host: `127.0.0.1:${port}` };
const bearer = { authorization: `Bearer ${token}` };

describe('guardRequest', () => {
  it('allows loopback hosts on the own port with the bearer token', () => {
    expect(attempt({ ...host, ...bearer })).toBe('allowed');
    expect(attempt({ host: `localhost:${port}`, ...bearer })).toBe('allowed');
    expect(attempt({ host: `LOCALHOST:${port}`, ...bearer })).toBe('allowed');
  });

  it('refuses a request without the token, or with a wrong one, with 401', () => {
    expect(attempt(host)).toBe(401);
    expect(attempt({ ...host, authorization: 'Bearer session-token-abd' })).toBe(401);
    expect(attempt({ ...host, authorization: `Basic ${token}` })).toBe(401);
    expect(attempt({ ...host, cookie: `tunegate_token_9999=${token}` })).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and another port with 403, even with the token', () => {
    expect(attempt({ host: `evil.example:${port}`, ...bearer })).toBe(403);
    expect(attempt({ host: '127.0.0.1:80', ...bearer })).toBe(403);
    expect(attempt({ host: '127.0.0.1', ...bearer })).toBe(403);
    expect(attempt(bearer)).toBe(403);
  });

  it('refuses a cross-origin request', () => {
    expect(attempt({ ...host, ...bearer, origin: 'http://evil.example' })).toBe(403);
    expect(attempt({ ...host, ...bearer, origin: `http://127.0.0.1:${port}` })).toBe('allowed');
  });

  it('takes the token from the query or the cookie for reads, only from the header for writes', () => {
    expect(attempt(host, { path: `/?token=${token}` })).toBe('allowed');
    expect(attempt({ ...host, cookie: `a=b; tunegate_token_${port}=${token}` })).toBe('allowed');
    expect(
      attempt({ ...host, cookie: `tunegate_token_${port}=${token}` }, { method: 'POST' }),
    ).toBe(401);
    expect(attempt(host, { method: 'POST', path: `/api/variants?token=${token}` })).toBe(401);
    expect(attempt({ ...host, ...bearer }, { method: 'POST' })).toBe('allowed');
  });
});
