import {
  firstBytePieceId,
  type PieceVocabulary,
  pieceSpans,
  pieceTypes,
  toPieceText,
  wordStart,
} from './piece-vocabulary.js';

/**
 * Encodes and decodes with a piece vocabulary the way llama.cpp's sentencepiece ("llama")
 * tokenizer does: start from characters, repeatedly merge the adjacent pair whose joined piece
 * has the highest score (leftmost on ties), and spell characters without a piece as bytes.
 * The build uses it to measure compression; llama.cpp tokenizes for training and inference.
 */
export class PieceTokenizer {
  private readonly ids = new Map<string, number>();
  private readonly spanCache = new Map<string, number[]>();

  constructor(readonly vocabulary: PieceVocabulary) {
    vocabulary.pieces.forEach((piece, id) => {
      if (vocabulary.types[id] === pieceTypes.normal && !this.ids.has(piece))
        this.ids.set(piece, id);
    });
  }

  get size(): number {
    return this.vocabulary.pieces.length;
  }

  /** Token ids of `text` (no <s>), with the leading "▁" llama.cpp adds. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const span of pieceSpans(toPieceText(text))) {
      let encoded = this.spanCache.get(span);
      if (!encoded) {
        encoded = this.encodeSpan(span);
        this.spanCache.set(span, encoded);
      }
      ids.push(...encoded);
    }
    return ids;
  }

  private encodeSpan(span: string): number[] {
    const symbols = [...span];
    const { scores } = this.vocabulary;
    for (;;) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const id = this.ids.get((symbols[i] as string) + (symbols[i + 1] as string));
        if (id !== undefined && (scores[id] as number) > bestScore) {
          best = i;
          bestScore = scores[id] as number;
        }
      }
      if (best < 0) break;
      symbols.splice(best, 2, (symbols[best] as string) + (symbols[best + 1] as string));
    }
    const ids: number[] = [];
    for (const symbol of symbols) {
      const id = this.ids.get(symbol);
      if (id !== undefined) ids.push(id);
      else for (const byte of Buffer.from(symbol, 'utf8')) ids.push(firstBytePieceId + byte);
    }
    return ids;
  }

  /** The text of token ids; special tokens are dropped and the added leading space removed. */
  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      const type = this.vocabulary.types[id];
      if (type === pieceTypes.byte) bytes.push(id - firstBytePieceId);
      else if (type === pieceTypes.normal) {
        bytes.push(...Buffer.from(this.vocabulary.pieces[id] as string, 'utf8'));
      }
    }
    const text = Buffer.from(bytes).toString('utf8').replaceAll(wordStart, ' ');
    return text.startsWith(' ') ? text.slice(1) : text;
  }
}
