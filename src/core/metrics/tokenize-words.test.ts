import { describe, expect, it } from 'vitest';
import { tokenizeWords } from './tokenize-words.js';

describe('tokenizeWords', () => {
  it('lower-cases words and drops punctuation', () => {
    expect(tokenizeWords('The cat, the HAT!')).toEqual(['the', 'cat', 'the', 'hat']);
  });

  it('keeps English contractions whole and unifies the typographic apostrophe', () => {
    expect(tokenizeWords("Don't stop, it’s fine")).toEqual(["don't", 'stop', "it's", 'fine']);
    // A quote that is not between letters separates: 'n' is a word on its own.
    expect(tokenizeWords("rock 'n' roll")).toEqual(['rock', 'n', 'roll']);
  });

  it('keeps accents, and composed and decomposed accents give the same token', () => {
    expect(tokenizeWords('Café naïve cafe\u0301')).toEqual(['café', 'naïve', 'café']);
    expect(tokenizeWords("L'Été")).toEqual(["l'été"]);
  });

  it('handles Cyrillic and Greek words', () => {
    expect(tokenizeWords('Привет, МИР! Ёлка')).toEqual(['привет', 'мир', 'ёлка']);
    expect(tokenizeWords('ΣΊΣΥΦΟΣ')).toEqual(['σίσυφος']);
  });

  it('makes each Han, Hiragana and Katakana character its own token', () => {
    expect(tokenizeWords('我爱北京')).toEqual(['我', '爱', '北', '京']);
    expect(tokenizeWords('東京へ行く')).toEqual(['東', '京', 'へ', '行', 'く']);
    // ー (prolonged sound mark) belongs to kana, so it is a token too.
    expect(tokenizeWords('コーヒー')).toEqual(['コ', 'ー', 'ヒ', 'ー']);
  });

  it('keeps Hangul words whole (Korean separates words with spaces)', () => {
    expect(tokenizeWords('안녕하세요 세계')).toEqual(['안녕하세요', '세계']);
  });

  it('splits Latin from CJK and on number punctuation', () => {
    expect(tokenizeWords('GPT-4o模型 3.14')).toEqual(['gpt', '4o', '模', '型', '3', '14']);
  });

  it('returns nothing for empty, blank or symbol-only text', () => {
    expect(tokenizeWords('')).toEqual([]);
    expect(tokenizeWords(' \n\t')).toEqual([]);
    expect(tokenizeWords('👍 — !!')).toEqual([]);
  });
});
