import { describe, expect, it } from 'vitest';
import { basePieces, pieceSpans, pieceTypes, toPieceText } from './piece-vocabulary.js';
import { trainPieceVocabulary } from './train-piece-vocabulary.js';

describe('piece spans', () => {
  it('marks spaces with ▁ and keeps words, numbers and punctuation apart', () => {
    expect(toPieceText('Hi, Tom 12!')).toBe('▁Hi,▁Tom▁12!');
    expect(pieceSpans('▁"Why?"▁he▁said.\n')).toEqual([
      '▁"',
      'Why',
      '?',
      '"',
      '▁he',
      '▁said',
      '.',
      '\n',
    ]);
  });
});

describe('trainPieceVocabulary', () => {
  it('starts with <unk>, <s>, </s> and the 256 byte pieces', () => {
    const { pieces, types } = basePieces();
    expect(pieces.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(pieces[3 + 0x0a]).toBe('<0x0A>');
    expect(pieces[258]).toBe('<0xFF>');
    expect(types.slice(0, 4)).toEqual([
      pieceTypes.unknown,
      pieceTypes.control,
      pieceTypes.control,
      pieceTypes.byte,
    ]);
  });

  it('adds the characters, then merges by pair count with falling scores', () => {
    // "▁aa ▁aa ▁ab": (▁,a) occurs 3 times, then (▁a,a) twice, then (▁a,b) once.
    const vocabulary = trainPieceVocabulary(['aa aa ab'], { size: 1000 });
    expect(vocabulary.pieces.slice(259)).toEqual(['a', 'b', '▁', '▁a', '▁aa']);
    expect(vocabulary.scores.slice(259)).toEqual([0, 0, 0, -1, -2]);
    expect(vocabulary.types.slice(259)).toEqual([1, 1, 1, 1, 1]);
    const all = trainPieceVocabulary(['aa aa ab'], { size: 1000, minimumPairCount: 1 });
    expect(all.pieces.slice(262)).toEqual(['▁a', '▁aa', '▁ab']);
  });

  it('stops at the requested size and leaves control characters to byte pieces', () => {
    // 259 + 7 characters (t h e ▁ c a b; not \n); "at", "he" and "th" occur 3 times each and
    // ties go to the smaller pair, so "at" comes first, then "he", then "t"+"he".
    const texts = ['the cat\nthe hat\nthe bat'];
    expect(trainPieceVocabulary(texts, { size: 268 }).pieces.slice(259)).toEqual([
      'a',
      'b',
      'c',
      'e',
      'h',
      't',
      '▁',
      'at',
      'he',
    ]);
    const unlimited = trainPieceVocabulary(texts, { size: 1000 });
    expect(unlimited.pieces.slice(266)).toEqual(['at', 'he', 'the']);
    expect(unlimited.pieces).not.toContain('\n');
  });
});
