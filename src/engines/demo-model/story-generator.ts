import type { SeededRandom } from '../trainer/random/seeded-random.js';
import { storyArcs } from './story-arcs.js';
import { at, type Character, introduce, StoryContext } from './story-context.js';
import { activities } from './story-words.js';

/** Stories have this many sentences, as `splitSentences` counts them. */
export const storySentenceRange = { minimum: 5, maximum: 10 } as const;

/**
 * Sentences of a story: a break follows . ! or ? (and a closing quote) before a capital or an
 * opening quote, so `"Why?" asked Tom.` is one sentence with its speech tag.
 */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?]"?) (?=["A-Z])/);
}

function opening(context: StoryContext, hero: Character): string {
  const place = context.place();
  return context.pick([
    `Once upon a time, there was ${introduce(hero)}.`,
    `Once upon a time, ${introduce(hero)} lived ${at(place)}.`,
    `Once upon a time, in a ${context.pick(['small', 'quiet', 'sunny'])} town, there lived ${introduce(hero)}.`,
  ]);
}

function trait(context: StoryContext, hero: Character): string {
  return context.pick([
    `${hero.name} loved to ${context.pick(activities)}.`,
    `Every day, ${hero.name} liked to ${context.pick(activities)}.`,
  ]);
}

/**
 * One simple story that starts "Once upon a time": a character, a place or thing, a feeling and
 * an event, told in 5 to 10 sentences. The same random state always gives the same story.
 */
export function generateStory(random: SeededRandom): string {
  const context = new StoryContext(random);
  for (;;) {
    const hero = context.character();
    const arc = context.pick(storyArcs);
    const sentences = [opening(context, hero)];
    if (context.chance(0.5)) sentences.push(trait(context, hero));
    sentences.push(...arc(context, hero));
    const story = sentences.join(' ');
    const count = splitSentences(story).length;
    if (count >= storySentenceRange.minimum && count <= storySentenceRange.maximum) return story;
  }
}
