import { describe, expect, it } from 'vitest';
import { StopSequenceMatcher } from './stop-sequence-matcher.js';

function feed(
  stops: string[],
  pieces: string[],
): { emitted: string[]; rest: string; stopped: boolean } {
  const matcher = new StopSequenceMatcher(stops);
  const emitted = pieces.map((piece) => matcher.push(piece));
  return { emitted, rest: matcher.flush(), stopped: matcher.stopped };
}

describe('StopSequenceMatcher', () => {
  it('passes text through when there is no stop sequence', () => {
    expect(feed([], ['Once', ' upon'])).toEqual({
      emitted: ['Once', ' upon'],
      rest: '',
      stopped: false,
    });
  });

  it('cuts before a stop sequence that spans pieces and contains spaces', () => {
    // " little" could start " little girl", so it waits; " girl" completes the stop.
    expect(feed([' little girl'], ['there was a', ' little', ' girl named'])).toEqual({
      emitted: ['there was a', '', ''],
      rest: '',
      stopped: true,
    });
  });

  it('keeps the space before a stop word', () => {
    expect(feed(['Lily'], [' named', ' L', 'ily.'])).toEqual({
      emitted: [' named', ' ', ''],
      rest: '',
      stopped: true,
    });
  });

  it('releases a held tail that turned out not to be a stop sequence', () => {
    expect(feed(['\n\n'], ['end.\n', 'Next'])).toEqual({
      emitted: ['end.', '\nNext'],
      rest: '',
      stopped: false,
    });
    expect(feed(['###'], ['a #'])).toEqual({ emitted: ['a '], rest: '#', stopped: false });
  });

  it('stops at the earliest of several stop sequences and ignores empty ones', () => {
    expect(feed(['', 'b', 'a'], ['xxbxa'])).toEqual({ emitted: ['xx'], rest: '', stopped: true });
    expect(feed(['cd', 'bcde'], ['abcde'])).toEqual({ emitted: ['a'], rest: '', stopped: true });
  });

  it('emits nothing after the stop', () => {
    const matcher = new StopSequenceMatcher(['.']);
    expect(matcher.push('Hi. There')).toBe('Hi');
    expect(matcher.push('more')).toBe('');
    expect(matcher.flush()).toBe('');
  });
});
