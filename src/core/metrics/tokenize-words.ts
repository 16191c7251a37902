/**
 * THE word tokenisation behind every n-gram metric (distinct-n, self-BLEU, n-gram diversity),
 * so that numbers from different runs and languages are comparable:
 *
 * 1. Unicode NFC (composed and decomposed "é" are the same word), then `toLowerCase()`.
 * 2. Han, Hiragana and Katakana are written without spaces, so each such letter (with any
 *    combining marks after it) is one token: "東京へ" → 東, 京, へ. The prolonged sound mark ー
 *    counts as kana (its script extensions are Hiragana and Katakana).
 * 3. Every other token is a word: a run of letters, digits and combining marks
 *    (`[\p{L}\p{N}\p{M}]+`), which may continue across an apostrophe (' or ’) followed by more
 *    such characters: "don't", "l'été". The typographic ’ is stored as ' so both spellings give
 *    one token. Hangul is written with spaces between words, so a Hangul run is one word.
 * 4. Everything else (punctuation, symbols, emoji, whitespace) separates tokens and is dropped;
 *    "3.14" gives "3" and "14", "e-mail" gives "e" and "mail".
 */
const CJK_SCRIPTS = String.raw`\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}`;
const CJK_LETTER = String.raw`(?=[${CJK_SCRIPTS}])[\p{L}\p{N}]\p{M}*`;
const WORD_CHARACTER = String.raw`(?:(?![${CJK_SCRIPTS}])[\p{L}\p{N}\p{M}])`;
const WORD = `${WORD_CHARACTER}+(?:['’]${WORD_CHARACTER}+)*`;
const TOKEN = new RegExp(`${CJK_LETTER}|${WORD}`, 'gu');

export function tokenizeWords(text: string): string[] {
  const tokens = text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
  return tokens.map((token) => (token.includes('’') ? token.replaceAll('’', "'") : token));
}
