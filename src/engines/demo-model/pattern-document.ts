import type { SeededRandom } from '../trainer/random/seeded-random.js';
import { at, capitalize, StoryContext, withArticle } from './story-context.js';
import { happyFeelings, sadFeelings, scaredFeelings } from './story-words.js';

/** What a pattern document asks for, with the optional instruction line that names it. */
export const patternTasks = {
  name: 'Write the name.',
  thing: 'Write the thing.',
  place: 'Write the place.',
  feeling: 'Write the feeling.',
} as const;

export type PatternTask = keyof typeof patternTasks;

export interface PatternExample {
  input: string;
  answers: Record<PatternTask, string>;
}

/** One sentence of the story world that names a character, a thing, a place and a feeling. */
export function patternExample(context: StoryContext): PatternExample {
  const hero = context.character();
  const thing = context.thing();
  const place = context.place();
  const feeling = context.pick([...happyFeelings, ...sadFeelings, ...scaredFeelings]);
  const described = withArticle(`${thing.adjective} ${thing.noun}`);
  const input = context.pick([
    `${hero.name} found ${described} ${at(place)} and felt ${feeling}.`,
    `${capitalize(at(place))}, ${hero.name} was ${feeling} with ${hero.possessive} ${thing.noun}.`,
    `${hero.name} felt ${feeling} when ${hero.subject} saw ${described} ${at(place)}.`,
    `${hero.name} took ${hero.possessive} ${thing.noun} to the ${place.noun} and was ${feeling}.`,
  ]);
  return {
    input,
    answers: { name: hero.name, thing: thing.noun, place: place.noun, feeling },
  };
}

/**
 * A few-shot style document: 3 to 8 "Input: …" / "Output: …" pairs of one task, sometimes under
 * an instruction line, so the base model has seen the shape a later finetune sharpens.
 */
export function generatePatternDocument(random: SeededRandom): string {
  const context = new StoryContext(random);
  const task = context.pick(Object.keys(patternTasks) as PatternTask[]);
  const lines: string[] = [];
  if (context.chance(0.5)) lines.push(patternTasks[task]);
  const count = 3 + Math.floor(random.next() * 6);
  for (let i = 0; i < count; i++) {
    const example = patternExample(context);
    lines.push(`Input: ${example.input}`, `Output: ${example.answers[task]}`);
  }
  return lines.join('\n');
}
