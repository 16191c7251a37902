import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './session-token.js';
import { WebHttpError } from './web-http-error.js';

/** The cookie name carries the port: cookies are shared by every port of a host. */
export const tokenCookieName = (port: number): string => `tunegate_token_${port}`;

/**
 * Refuses a request unless it names this server by a loopback Host (a DNS-rebinding page
 * reaches us under its own host name), comes from no foreign Origin, and carries the session
 * token. Reads may present the token as a bearer header, `?token=` or the session cookie;
 * writes only as a header, which a cross-site form or image cannot set.
 */
export function guardRequest(
  request: IncomingMessage,
  url: URL,
  options: { port: number; token: string },
): void {
  const allowedHosts = [`127.0.0.1:${options.port}`, `localhost:${options.port}`];
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !allowedHosts.includes(host)) {
    throw new WebHttpError(
      403,
      'forbidden_host',
      'this server only answers to 127.0.0.1 or localhost on its own port',
    );
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts.some((allowed) => origin === `http://${allowed}`)) {
    throw new WebHttpError(403, 'forbidden_origin', 'cross-origin requests are refused');
  }
  const method = request.method ?? 'GET';
  const safe = method === 'GET' || method === 'HEAD';
  const presented = [bearerToken(request)];
  if (safe)
    presented.push(url.searchParams.get('token') ?? undefined, cookieToken(request, options.port));
  // Every candidate is compared, so timing says nothing about which one was present.
  let allowed = false;
  for (const candidate of presented) if (tokenMatches(candidate, options.token)) allowed = true;
  if (!allowed) {
    throw new WebHttpError(
      401,
      'unauthorized',
      'missing or wrong session token: open the URL tunegate ui printed',
      { headers: { 'www-authenticate': 'Bearer' } },
    );
  }
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
}

function cookieToken(request: IncomingMessage, port: number): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  const name = tokenCookieName(port);
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
