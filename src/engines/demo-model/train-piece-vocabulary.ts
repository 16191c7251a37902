import {
  basePieces,
  type PieceVocabulary,
  pieceSpans,
  pieceTypes,
  toPieceText,
} from './piece-vocabulary.js';

export interface PieceVocabularyOptions {
  /** Total vocabulary size to stop at (specials and bytes included). */
  size: number;
  /** Stop merging once the best pair occurs fewer times than this. */
  minimumPairCount?: number;
}

interface Span {
  symbols: string[];
  count: number;
}

function countSpans(texts: Iterable<string>): Span[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const span of pieceSpans(toPieceText(text))) {
      counts.set(span, (counts.get(span) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([span, count]) => ({ symbols: [...span], count }));
}

function bestPair(spans: readonly Span[]): { pair: [string, string]; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const { symbols, count } of spans) {
    for (let i = 0; i + 1 < symbols.length; i++) {
      const key = `${symbols[i]}\u0000${symbols[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
  }
  let best: { key: string; count: number } | undefined;
  for (const [key, count] of counts) {
    // Ties go to the smaller key, so training is deterministic.
    if (!best || count > best.count || (count === best.count && key < best.key)) {
      best = { key, count };
    }
  }
  if (!best) return undefined;
  const [left, right] = best.key.split('\u0000') as [string, string];
  return { pair: [left, right], count: best.count };
}

function applyMerge(spans: Span[], left: string, right: string): void {
  const merged = left + right;
  for (const span of spans) {
    const { symbols } = span;
    for (let i = 0; i + 1 < symbols.length; i++) {
      if (symbols[i] === left && symbols[i + 1] === right) symbols.splice(i, 2, merged);
    }
  }
}

/**
 * Trains a BPE vocabulary on the texts and stores it sentencepiece-style: every character seen
 * (control characters excepted: they use byte pieces) is a piece, then each merge adds the
 * merged piece with a score that falls with its rank, which is the order llama.cpp's
 * tokenizer applies merges in.
 */
export function trainPieceVocabulary(
  texts: Iterable<string>,
  options: PieceVocabularyOptions,
): PieceVocabulary {
  const vocabulary = basePieces();
  const spans = countSpans(texts);
  const characters = new Set<string>();
  for (const span of spans) for (const symbol of span.symbols) characters.add(symbol);
  for (const character of [...characters].sort()) {
    if ((character.codePointAt(0) as number) < 0x20) continue;
    vocabulary.pieces.push(character);
    vocabulary.scores.push(0);
    vocabulary.types.push(pieceTypes.normal);
  }
  const minimum = options.minimumPairCount ?? 2;
  const known = new Set(vocabulary.pieces);
  let rank = 0;
  while (vocabulary.pieces.length < options.size) {
    const best = bestPair(spans);
    if (!best || best.count < minimum) break;
    const [left, right] = best.pair;
    applyMerge(spans, left, right);
    // Two merge paths can spell the same piece; it is listed once, at its first rank.
    if (known.has(left + right)) continue;
    known.add(left + right);
    rank++;
    vocabulary.pieces.push(left + right);
    vocabulary.scores.push(-rank);
    vocabulary.types.push(pieceTypes.normal);
  }
  return vocabulary;
}
