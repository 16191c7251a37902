import type { Llama2cTokenizer } from './llama2c-tokenizer.js';

/** llama.cpp token types (llama_token_type). */
export const tokenTypes = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

export const specialTokenIds = { unknown: 0, begin: 1, end: 2 } as const;

export interface GgufVocabulary {
  tokens: string[];
  scores: number[];
  tokenTypes: number[];
}

const bytePiece = /^<0x[0-9A-Fa-f]{2}>$/;

/**
 * Turns llama2.c pieces into what llama.cpp's sentencepiece ("llama") vocabulary expects:
 * llama2.c stores the word-start marker "▁" as a plain space and the special tokens as
 * "\n<s>\n", so both are restored; ids 0..2 are <unk>, <s>, </s> in every llama2.c vocabulary.
 */
export function toGgufVocabulary(
  tokenizer: Pick<Llama2cTokenizer, 'pieces' | 'scores'>,
): GgufVocabulary {
  const tokens: string[] = [];
  const types: number[] = [];
  tokenizer.pieces.forEach((piece, id) => {
    if (id === specialTokenIds.unknown) {
      tokens.push('<unk>');
      types.push(tokenTypes.unknown);
    } else if (id === specialTokenIds.begin) {
      tokens.push('<s>');
      types.push(tokenTypes.control);
    } else if (id === specialTokenIds.end) {
      tokens.push('</s>');
      types.push(tokenTypes.control);
    } else if (bytePiece.test(piece)) {
      tokens.push(piece.toUpperCase().replace('0X', '0x'));
      types.push(tokenTypes.byte);
    } else {
      tokens.push(piece.replaceAll(' ', '\u2581'));
      types.push(tokenTypes.normal);
    }
  });
  return { tokens, scores: [...tokenizer.scores], tokenTypes: types };
}
