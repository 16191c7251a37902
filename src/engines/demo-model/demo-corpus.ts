import { SeededRandom } from '../trainer/random/seeded-random.js';
import { generatePatternDocument } from './pattern-document.js';
import { generateStory } from './story-generator.js';

export interface DemoCorpusOptions {
  seed: number;
  documents: number;
  /** Share of documents that are "Input:/Output:" pattern text instead of stories. */
  patternShare: number;
}

/**
 * Documents of the demo corpus. Document i draws from its own fork of the seed, so a longer
 * corpus starts with the same documents as a shorter one.
 */
export function generateDemoCorpus(options: DemoCorpusOptions): string[] {
  const root = new SeededRandom(options.seed);
  const documents: string[] = [];
  for (let index = 0; index < options.documents; index++) {
    const random = root.fork(index);
    documents.push(
      random.next() < options.patternShare
        ? generatePatternDocument(random)
        : generateStory(random),
    );
  }
  return documents;
}

/** The lowercase words (letters only, apostrophes split off) that occur in the texts. */
export function collectWords(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) words.add(word);
  }
  return words;
}

/** Every word the generator writes: a large fixed sample covers each template and word list. */
export function demoWordList(): Set<string> {
  return collectWords(generateDemoCorpus({ seed: 1, documents: 20_000, patternShare: 0.2 }));
}
