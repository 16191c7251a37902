import type { SeededRandom } from '../trainer/random/seeded-random.js';
import {
  boyNames,
  type CharacterKind,
  characterAdjectives,
  characterKinds,
  colors,
  girlNames,
  type Place,
  places,
  type Thing,
  thingAdjectives,
  things,
} from './story-words.js';

/** A story character with the pronouns its sentences need. */
export interface Character {
  name: string;
  kind: CharacterKind;
  adjective: string;
  /** he / she */
  subject: string;
  /** him / her */
  object: string;
  /** his / her */
  possessive: string;
}

/** The thing a story is about, with the adjective it is introduced with. */
export interface StoryThing {
  noun: string;
  adjective: string;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function withArticle(phrase: string): string {
  return /^[aeiou]/.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

/** The seeded choices every story arc draws from. */
export class StoryContext {
  constructor(readonly random: SeededRandom) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.random.next() < probability;
  }

  character(avoidName?: string): Character {
    const kind = this.pick(characterKinds);
    const female = kind.gender === 'girl' || (kind.gender === 'animal' && this.chance(0.5));
    const pool = (female ? girlNames : boyNames).filter((name) => name !== avoidName);
    return {
      name: this.pick(pool),
      kind,
      adjective: this.pick(characterAdjectives),
      subject: female ? 'she' : 'he',
      object: female ? 'her' : 'him',
      possessive: female ? 'her' : 'his',
    };
  }

  thing(): StoryThing {
    const thing: Thing = this.pick(things);
    const adjective =
      thing.colored && this.chance(0.6) ? this.pick(colors) : this.pick(thingAdjectives);
    return { noun: thing.noun, adjective };
  }

  place(): Place {
    return this.pick(places);
  }
}

/** "a little girl named Lily" */
export function introduce(character: Character): string {
  return `${withArticle(`${character.adjective} ${character.kind.noun}`)} named ${character.name}`;
}

/** "in the park" */
export function at(place: Place): string {
  return `${place.preposition} the ${place.noun}`;
}
