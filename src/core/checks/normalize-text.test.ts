import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize-text.js';

const defaults = { trim: true, caseFold: true, collapseWhitespace: true, stripPunctuation: false };
const none = { trim: false, caseFold: false, collapseWhitespace: false, stripPunctuation: false };

describe('normalizeText', () => {
  it('trims, folds case and collapses whitespace by default, keeping punctuation', () => {
    expect(normalizeText('  Hello \t\n  WORLD \n', defaults)).toBe('hello world');
    expect(normalizeText('"Positive."', defaults)).toBe('"positive."');
  });

  it('folds non-ASCII letters', () => {
    expect(normalizeText('ÉTÉ ZÜRICH Ωμέγα', defaults)).toBe('été zürich ωμέγα');
  });

  it('strips Unicode punctuation when asked, then collapses the gaps', () => {
    const strip = { ...defaults, stripPunctuation: true };
    expect(normalizeText('"Positive."', strip)).toBe('positive');
    expect(normalizeText('¡Hola! «Bonjour» a - b', strip)).toBe('hola bonjour a b');
    expect(normalizeText('你好，世界。', strip)).toBe('你好世界');
  });

  it('does nothing when every option is off', () => {
    expect(normalizeText('  A  b. ', none)).toBe('  A  b. ');
  });

  it('applies each option alone', () => {
    expect(normalizeText('  A  b ', { ...none, trim: true })).toBe('A  b');
    expect(normalizeText('  A  b ', { ...none, collapseWhitespace: true })).toBe(' A b ');
    expect(normalizeText('  A  b ', { ...none, caseFold: true })).toBe('  a  b ');
  });

  it('maps empty and blank text to the empty string', () => {
    expect(normalizeText('', defaults)).toBe('');
    expect(normalizeText(' \n ', defaults)).toBe('');
  });
});
