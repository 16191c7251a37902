import { describe, expect, it } from 'vitest';
import { hasBearerToken } from './bearer-token.js';

describe('hasBearerToken', () => {
  it('accepts exactly the expected token, scheme in any case', () => {
    expect(hasBearerToken({ authorization: 'Bearer tok-1' }, 'tok-1')).toBe(true);
    expect(hasBearerToken({ authorization: 'bearer   tok-1 ' }, 'tok-1')).toBe(true);
  });

  it('refuses a missing, empty, different, longer or non-bearer credential', () => {
    expect(hasBearerToken({}, 'tok-1')).toBe(false);
    expect(hasBearerToken({ authorization: 'Bearer ' }, 'tok-1')).toBe(false);
    expect(hasBearerToken({ authorization: 'Bearer tok-2' }, 'tok-1')).toBe(false);
    expect(hasBearerToken({ authorization: 'Bearer tok-11' }, 'tok-1')).toBe(false);
    expect(hasBearerToken({ authorization: 'Basic tok-1' }, 'tok-1')).toBe(false);
  });
});
