/** llama.cpp token types (llama_token_type), as GGUF's tokenizer.ggml.token_type stores them. */
export const pieceTypes = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** Ids 0..2 are <unk>, <s>, </s>; ids 3..258 the byte tokens <0x00>..<0xFF>, as in llama 2. */
export const specialPieceIds = { unknown: 0, begin: 1, end: 2 } as const;
export const firstBytePieceId = 3;

/** SentencePiece's word-start marker: a space is stored as "▁" before the word it starts. */
export const wordStart = '\u2581';

/**
 * A sentencepiece-style ("llama") vocabulary: text pieces with merge scores (higher merges
 * first), and byte pieces for any character the pieces do not cover.
 */
export interface PieceVocabulary {
  pieces: string[];
  scores: number[];
  types: number[];
}

export function bytePiece(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

/** The specials and the 256 byte pieces every vocabulary starts with. */
export function basePieces(): PieceVocabulary {
  const pieces = ['<unk>', '<s>', '</s>'];
  const types: number[] = [pieceTypes.unknown, pieceTypes.control, pieceTypes.control];
  for (let byte = 0; byte < 256; byte++) {
    pieces.push(bytePiece(byte));
    types.push(pieceTypes.byte);
  }
  return { pieces, scores: pieces.map(() => 0), types };
}

/** Text as sentencepiece sees it: spaces become "▁", and one is added in front. */
export function toPieceText(text: string): string {
  return wordStart + text.replaceAll(' ', wordStart);
}

/**
 * Splits piece text into the spans merges stay inside: "▁" plus a run of letters or digits, or
 * one other character. Pieces never cross these spans, so encoding span by span gives the
 * same tokens as llama.cpp's merging over the whole text.
 */
export function pieceSpans(pieceText: string): string[] {
  return pieceText.match(/\u2581?[A-Za-z]+|\u2581?[0-9]+|\u2581?[^A-Za-z0-9\u2581]|\u2581/gu) ?? [];
}
