import { describe, expect, it } from 'vitest';
import { generateDemoCorpus } from './demo-corpus.js';
import { PieceTokenizer } from './piece-tokenizer.js';
import { basePieces, type PieceVocabulary, pieceTypes } from './piece-vocabulary.js';
import { trainPieceVocabulary } from './train-piece-vocabulary.js';

function vocabularyWith(pieces: [string, number][]): PieceVocabulary {
  const vocabulary = basePieces();
  for (const [piece, score] of pieces) {
    vocabulary.pieces.push(piece);
    vocabulary.scores.push(score);
    vocabulary.types.push(pieceTypes.normal);
  }
  return vocabulary;
}

describe('PieceTokenizer', () => {
  it('merges the highest-scoring pair first, as llama.cpp does', () => {
    // ids: a 259, b 260, c 261, ▁ 262, ab 263 (score -2), bc 264 (score -1), ▁a 265 (score -3)
    const tokenizer = new PieceTokenizer(
      vocabularyWith([
        ['a', 0],
        ['b', 0],
        ['c', 0],
        ['▁', 0],
        ['ab', -2],
        ['bc', -1],
        ['▁a', -3],
      ]),
    );
    // ▁ a b c: "bc" outranks "ab" and "▁a", then ▁+a merges.
    expect(tokenizer.encode('abc')).toEqual([265, 264]);
    // ▁ a b: "ab" outranks "▁a".
    expect(tokenizer.encode('ab')).toEqual([262, 263]);
  });

  it('spells characters without a piece as UTF-8 byte pieces', () => {
    // ids: ▁ 259, a 260; é is C3 A9 and byte piece ids are 3 + byte.
    const tokenizer = new PieceTokenizer(
      vocabularyWith([
        ['▁', 0],
        ['a', 0],
      ]),
    );
    expect(tokenizer.encode('aé')).toEqual([259, 260, 3 + 0xc3, 3 + 0xa9]);
    expect(tokenizer.decode([259, 260, 3 + 0xc3, 3 + 0xa9])).toBe('aé');
    expect(tokenizer.decode([1, 259, 260, 2])).toBe('a');
  });

  it('round-trips corpus text, newlines and unseen characters', () => {
    const corpus = generateDemoCorpus({ seed: 4, documents: 300, patternShare: 0.3 });
    const tokenizer = new PieceTokenizer(trainPieceVocabulary(corpus, { size: 2048 }));
    const texts = [
      ...generateDemoCorpus({ seed: 5, documents: 100, patternShare: 0.3 }),
      'Zoë said: «ça va?»\n\tThe end ✓',
      '  two  spaces ',
    ];
    for (const text of texts) expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
  });

  it('compresses the corpus about four characters per token once words are pieces', () => {
    const corpus = generateDemoCorpus({ seed: 6, documents: 2000, patternShare: 0.1 });
    const tokenizer = new PieceTokenizer(trainPieceVocabulary(corpus, { size: 2048 }));
    const held = generateDemoCorpus({ seed: 7, documents: 200, patternShare: 0.1 });
    const characters = held.reduce((sum, text) => sum + text.length, 0);
    const tokens = held.reduce((sum, text) => sum + tokenizer.encode(text).length, 0);
    expect(characters / tokens).toBeGreaterThan(3.5);
    expect(tokenizer.encode('Once upon a time')).toHaveLength(4);
  });
});
