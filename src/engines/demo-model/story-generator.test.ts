import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../trainer/random/seeded-random.js';
import { collectWords, demoWordList, generateDemoCorpus } from './demo-corpus.js';
import { generateStory, splitSentences, storySentenceRange } from './story-generator.js';
import { characterKinds, girlNames, places, things } from './story-words.js';

const stories = (seed: number, count: number) =>
  generateDemoCorpus({ seed, documents: count, patternShare: 0 });

describe('generateStory', () => {
  it('gives the same story for the same seed and another for another seed', () => {
    expect(generateStory(new SeededRandom(5))).toBe(generateStory(new SeededRandom(5)));
    expect(generateStory(new SeededRandom(5))).not.toBe(generateStory(new SeededRandom(6)));
    expect(stories(3, 50)).toEqual(stories(3, 50));
  });

  it('starts every story "Once upon a time" and tells it in 5 to 10 sentences', () => {
    for (const story of stories(11, 300)) {
      expect(story.startsWith('Once upon a time')).toBe(true);
      const count = splitSentences(story).length;
      expect(count).toBeGreaterThanOrEqual(storySentenceRange.minimum);
      expect(count).toBeLessThanOrEqual(storySentenceRange.maximum);
      expect(story).toMatch(/[.!"]$/);
    }
  });

  it('varies stories, characters, things and places', () => {
    const sample = stories(12, 400);
    expect(new Set(sample).size).toBe(400);
    const text = sample.join(' ');
    for (const name of girlNames) expect(text).toContain(` ${name}`);
    for (const kind of characterKinds) expect(text).toContain(` ${kind.noun}`);
    for (const thing of things) expect(text).toContain(` ${thing.noun}`);
    for (const place of places) expect(text).toContain(` ${place.noun}`);
    // One signature sentence per arc: all seven arcs occur.
    for (const phrase of [
      'came to help',
      'helped a friend',
      'said with a smile',
      'together.',
      'try again together',
      'took the',
      'Do you want to play with me?',
    ]) {
      expect(text).toContain(phrase);
    }
    const openings = new Set(sample.map((story) => story.split(' ').slice(0, 6).join(' ')));
    expect(openings.size).toBeGreaterThan(3);
  });

  it('uses "an" before vowels and "a" before consonants', () => {
    const text = stories(13, 500).join(' ');
    expect(text).not.toMatch(/\ba [aeiou]/i);
    expect(text).not.toMatch(/\ban [^aeiou]/i);
  });

  it('keeps the hero pronoun consistent with a girl or a boy', () => {
    for (const story of stories(14, 300)) {
      const hero = /named (\w+)/.exec(story)?.[1] as string;
      const girl = (girlNames as readonly string[]).includes(hero);
      const second = splitSentences(story)[1] ?? '';
      // The sentence after the opening refers to the hero by name or pronoun.
      expect(second).not.toMatch(girl ? /^(He|His) / : /^(She|Her) /);
    }
  });
});

describe('demoWordList', () => {
  it('covers every word of freshly generated documents', () => {
    const words = demoWordList();
    const fresh = collectWords(generateDemoCorpus({ seed: 99, documents: 500, patternShare: 0.5 }));
    for (const word of fresh) expect(words.has(word)).toBe(true);
    expect(words.has('once')).toBe(true);
    expect(words.size).toBeGreaterThan(250);
    expect(words.size).toBeLessThan(500);
  });

  it('collects lowercase letter runs', () => {
    expect([...collectWords(["Lily's red ball.", 'Tom SAW it'])].sort()).toEqual([
      'ball',
      'it',
      'lily',
      'red',
      's',
      'saw',
      'tom',
    ]);
  });
});
