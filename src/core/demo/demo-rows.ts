import { patternExample } from '../../engines/demo-model/pattern-document.js';
import { StoryContext } from '../../engines/demo-model/story-context.js';
import { SeededRandom } from '../../engines/trainer/random/seeded-random.js';

/** One case of the demo task: a sentence from the story world and the place it names. */
export interface DemoRow {
  id: string;
  sentence: string;
  place: string;
}

export interface DemoRowSets {
  eval: DemoRow[];
  fewShot: DemoRow[];
  validation: DemoRow[];
  /** Raw training candidates: they may repeat each other (the data stage finds that out). */
  trainingCandidates: DemoRow[];
}

export interface DemoRowCounts {
  evalCases: number;
  fewShotPool: number;
  validationRows: number;
  trainingCandidates: number;
}

/**
 * The demo's data, drawn from the same generator as the demo model's pattern text but from
 * seeds the model never saw. Eval, few-shot and validation sentences are distinct from each
 * other; training candidates are drawn freely, as scraped data would be.
 */
export function generateDemoRows(counts: DemoRowCounts, seed = 2026): DemoRowSets {
  const random = new SeededRandom(seed);
  const held = new Set<string>();
  const draw = (prefix: string, count: number, fork: number, distinct: boolean): DemoRow[] => {
    const context = new StoryContext(random.fork(fork));
    const rows: DemoRow[] = [];
    while (rows.length < count) {
      const example = patternExample(context);
      if (distinct && held.has(example.input)) continue;
      if (distinct) held.add(example.input);
      rows.push({
        id: `${prefix}-${rows.length + 1}`,
        sentence: example.input,
        place: example.answers.place,
      });
    }
    return rows;
  };
  return {
    eval: draw('eval', counts.evalCases, 1, true),
    fewShot: draw('pool', counts.fewShotPool, 2, true),
    validation: draw('valid', counts.validationRows, 3, true),
    trainingCandidates: draw('train', counts.trainingCandidates, 4, false),
  };
}
