import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Checks `Authorization: Bearer <token>` in constant time: both sides are hashed first, so
 * neither the comparison time nor an early length mismatch says anything about the token.
 */
export function hasBearerToken(headers: IncomingHttpHeaders, expected: string): boolean {
  const header = headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const presented = match?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(expected)) && presented !== '';
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
