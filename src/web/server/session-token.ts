import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for one `tunegate ui` session: 32 bytes, URL-safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a presented token with the session's in constant time: both are hashed first, so
 * neither the comparison nor a length mismatch reveals how much of a guess was right.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || presented === '') return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
