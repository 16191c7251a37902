/** The small world the demo stories are told in: every word the generator can write comes from here. */

export type Gender = 'girl' | 'boy' | 'animal';

export interface CharacterKind {
  noun: string;
  gender: Gender;
}

export const girlNames = [
  'Lily',
  'Mia',
  'Sue',
  'Anna',
  'Lucy',
  'Amy',
  'Zoe',
  'Emma',
  'Rosa',
  'Kim',
];
export const boyNames = ['Tom', 'Ben', 'Sam', 'Jack', 'Tim', 'Leo', 'Max', 'Finn', 'Ted', 'Noah'];

export const characterKinds: readonly CharacterKind[] = [
  { noun: 'girl', gender: 'girl' },
  { noun: 'boy', gender: 'boy' },
  { noun: 'cat', gender: 'animal' },
  { noun: 'dog', gender: 'animal' },
  { noun: 'bunny', gender: 'animal' },
  { noun: 'bear', gender: 'animal' },
  { noun: 'duck', gender: 'animal' },
  { noun: 'fox', gender: 'animal' },
  { noun: 'mouse', gender: 'animal' },
  { noun: 'frog', gender: 'animal' },
];

export const characterAdjectives = [
  'little',
  'small',
  'kind',
  'brave',
  'happy',
  'curious',
  'shy',
  'silly',
  'friendly',
  'clever',
  'gentle',
];

export interface Thing {
  noun: string;
  /** Whether "a big ball" and "a red ball" both read well. */
  colored: boolean;
}

export const things: readonly Thing[] = [
  { noun: 'ball', colored: true },
  { noun: 'kite', colored: true },
  { noun: 'hat', colored: true },
  { noun: 'book', colored: true },
  { noun: 'box', colored: true },
  { noun: 'doll', colored: true },
  { noun: 'drum', colored: true },
  { noun: 'cup', colored: true },
  { noun: 'boat', colored: true },
  { noun: 'balloon', colored: true },
  { noun: 'blanket', colored: true },
  { noun: 'bike', colored: true },
  { noun: 'key', colored: false },
  { noun: 'shell', colored: false },
  { noun: 'stone', colored: false },
  { noun: 'bell', colored: false },
  { noun: 'map', colored: false },
  { noun: 'flower', colored: true },
];

export const colors = ['red', 'blue', 'green', 'yellow', 'pink', 'purple', 'orange'];
export const thingAdjectives = ['big', 'small', 'shiny', 'soft', 'old', 'new', 'pretty', 'round'];

export interface Place {
  noun: string;
  /** The preposition that reads well: "in the park", "at the beach", "by the river". */
  preposition: 'in' | 'at' | 'by' | 'on';
}

export const places: readonly Place[] = [
  { noun: 'park', preposition: 'in' },
  { noun: 'garden', preposition: 'in' },
  { noun: 'forest', preposition: 'in' },
  { noun: 'beach', preposition: 'at' },
  { noun: 'river', preposition: 'by' },
  { noun: 'farm', preposition: 'on' },
  { noun: 'hill', preposition: 'on' },
  { noun: 'pond', preposition: 'by' },
  { noun: 'field', preposition: 'in' },
  { noun: 'town', preposition: 'in' },
];

/** Where a lost thing turns up. */
export const hidingSpots = [
  'under a big tree',
  'behind a rock',
  'in a bush',
  'near the pond',
  'next to a log',
  'under some leaves',
  'in the tall grass',
];

export const happyFeelings = ['happy', 'glad', 'proud', 'excited'];
export const sadFeelings = ['sad', 'worried', 'lonely', 'upset'];
export const scaredFeelings = ['scared', 'afraid', 'nervous'];

export const activities = [
  'play outside',
  'run and jump',
  'sing songs',
  'draw pictures',
  'read books',
  'dance',
  'climb trees',
  'look at the stars',
  'help at home',
  'make new friends',
];

export const foods = ['cookies', 'apples', 'cake', 'berries', 'bread', 'candy'];

export const weathers = [
  'the sun was warm and bright',
  'the sky was blue',
  'the wind was soft',
  'it was a warm day',
  'the birds were singing',
];

export const creations = [
  { noun: 'sand castle', made: 'built', material: 'sand', failure: 'fell down' },
  { noun: 'cake', made: 'baked', material: 'flour and eggs', failure: 'did not rise' },
  { noun: 'snowman', made: 'built', material: 'snow', failure: 'fell over' },
  { noun: 'card', made: 'made', material: 'paper and glue', failure: 'tore in half' },
  { noun: 'tower', made: 'built', material: 'blocks', failure: 'fell down' },
] as const;

export const animalsInTrouble = [
  { noun: 'bird', trouble: 'had a hurt wing', fix: 'put a soft leaf on its wing' },
  { noun: 'kitten', trouble: 'was stuck in a tree', fix: 'helped it climb down' },
  { noun: 'puppy', trouble: 'could not find its home', fix: 'walked it back home' },
  { noun: 'duckling', trouble: 'was lost and cold', fix: 'took it back to the pond' },
  { noun: 'turtle', trouble: 'was stuck on its back', fix: 'turned it over' },
] as const;

export const scaryThings = [
  { verb: 'heard', thing: 'a loud noise', cause: 'the wind' },
  { verb: 'heard', thing: 'a strange sound', cause: 'a little owl' },
  { verb: 'saw', thing: 'a big shadow', cause: 'an old tree' },
  { verb: 'heard', thing: 'a loud bang', cause: 'the door' },
  { verb: 'saw', thing: 'two bright eyes', cause: 'the cat' },
] as const;

export const sights = [
  'a tall tree',
  'a big rock',
  'a little house',
  'many flowers',
  'a small bridge',
  'a pretty butterfly',
  'a family of ducks',
];
