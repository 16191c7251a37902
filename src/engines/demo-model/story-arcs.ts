import {
  at,
  type Character,
  capitalize,
  introduce,
  type StoryContext,
  withArticle,
} from './story-context.js';
import {
  animalsInTrouble,
  creations,
  foods,
  happyFeelings,
  hidingSpots,
  sadFeelings,
  scaredFeelings,
  scaryThings,
  sights,
  weathers,
} from './story-words.js';

/** The middle and end of a story about `hero`, one sentence per item. */
export type StoryArc = (context: StoryContext, hero: Character) => string[];

function lostThing(context: StoryContext, hero: Character): string[] {
  const { name, subject, possessive } = hero;
  const thing = context.thing();
  const place = context.place();
  const friend = context.character(name);
  const sad = context.pick(sadFeelings);
  const described = withArticle(`${thing.adjective} ${thing.noun}`);
  const sentences = [
    context.pick([
      `${name} had ${described} that ${subject} loved very much.`,
      `${name}'s favorite thing was ${described}.`,
    ]),
    context.pick([
      `One day, ${subject} took the ${thing.noun} to the ${place.noun}.`,
      `One day, ${name} went to play ${at(place)} with ${possessive} ${thing.noun}.`,
    ]),
    context.pick([
      `But when ${subject} looked again, the ${thing.noun} was gone!`,
      `Suddenly, ${name} could not find ${possessive} ${thing.noun}.`,
    ]),
    context.pick([
      `${name} felt very ${sad}.`,
      `${capitalize(subject)} was so ${sad} that ${subject} began to cry.`,
    ]),
    context.pick([
      `Just then, ${introduce(friend)} came by.`,
      `${capitalize(possessive)} friend ${friend.name} saw ${hero.object} and came to help.`,
    ]),
  ];
  if (context.chance(0.6)) {
    sentences.push(
      `"Why are you ${sad}?" asked ${friend.name}.`,
      `"I lost my ${thing.noun}," said ${name}.`,
    );
  }
  sentences.push(
    context.pick([
      `They looked everywhere for the ${thing.noun}.`,
      `${friend.name} and ${name} looked for it together.`,
    ]),
    context.pick([
      `At last, ${friend.name} found it ${context.pick(hidingSpots)}.`,
      `Soon they found the ${thing.noun} ${context.pick(hidingSpots)}.`,
    ]),
    context.pick([
      `${name} was so ${context.pick(happyFeelings)} that ${subject} gave ${friend.name} a big hug.`,
      `"Thank you!" said ${name}, and ${subject} smiled.`,
      `From that day on, ${name} and ${friend.name} were best friends.`,
    ]),
  );
  return sentences;
}

function helpAnimal(context: StoryContext, hero: Character): string[] {
  const { name, subject } = hero;
  const animal = context.pick(animalsInTrouble);
  const place = context.place();
  const sentences = [
    context.pick([
      `One day, ${name} was walking ${at(place)}.`,
      `One morning, ${name} went for a walk ${at(place)}.`,
    ]),
    context.pick([
      `${capitalize(subject)} saw a little ${animal.noun}.`,
      `Suddenly, ${subject} heard a small cry. It was a little ${animal.noun}.`,
    ]),
    `The ${animal.noun} ${animal.trouble}.`,
  ];
  if (context.chance(0.5)) {
    sentences.push(`${name} felt ${context.pick(sadFeelings)} for the ${animal.noun}.`);
  }
  if (context.chance(0.6)) {
    sentences.push(`"Do not be afraid, I will help you," said ${name}.`);
  }
  sentences.push(
    `${capitalize(subject)} ${animal.fix}.`,
    context.pick([
      `The ${animal.noun} was very ${context.pick(happyFeelings)}.`,
      `The ${animal.noun} looked up at ${name} as if to say thank you.`,
    ]),
    `${name} felt ${context.pick(['proud', 'happy', 'glad'])} because ${subject} helped a friend.`,
  );
  if (context.chance(0.5)) {
    sentences.push(`Every day after that, the ${animal.noun} came to visit ${hero.object}.`);
  }
  return sentences;
}

function nightFear(context: StoryContext, hero: Character): string[] {
  const { name, subject, possessive } = hero;
  const scary = context.pick(scaryThings);
  const scared = context.pick(scaredFeelings);
  const parent = context.pick([
    { noun: 'mom', subject: 'she' },
    { noun: 'dad', subject: 'he' },
  ]);
  const sentences = [
    context.pick([
      `One night, ${name} was in ${possessive} bed.`,
      `One dark night, ${name} could not sleep.`,
    ]),
    `Suddenly, ${subject} ${scary.verb} ${scary.thing}.`,
    context.pick([`${name} was very ${scared}.`, `${capitalize(subject)} felt ${scared}.`]),
  ];
  if (context.chance(0.5))
    sentences.push(`${capitalize(subject)} hid under ${possessive} blanket.`);
  sentences.push(
    `Then ${possessive} ${parent.noun} came into the room.`,
    `"What is wrong?" ${parent.subject} asked.`,
    `"I ${scary.verb} ${scary.thing}," said ${name}.`,
    `"It is only ${scary.cause}," ${parent.subject} said with a smile.`,
    context.pick([
      `${name} was not ${scared} anymore.`,
      `${name} felt safe again and closed ${possessive} eyes.`,
    ]),
  );
  if (context.chance(0.4)) sentences.push(`Soon ${subject} was fast asleep.`);
  return sentences;
}

function sharing(context: StoryContext, hero: Character): string[] {
  const { name, subject } = hero;
  const food = context.pick(foods);
  const place = context.place();
  const friend = context.character(name);
  const sentences = [
    context.pick([
      `One day, ${name}'s mom gave ${hero.object} some ${food}.`,
      `One day, ${name} had a big bag of ${food}.`,
    ]),
    `${capitalize(subject)} took the ${food} to the ${place.noun}.`,
    `There ${subject} saw ${friend.name} the ${friend.kind.noun}.`,
    `${friend.name} looked ${context.pick(sadFeelings)} because ${friend.subject} had no ${food}.`,
  ];
  if (context.chance(0.4)) sentences.push(`${name} thought for a moment.`);
  sentences.push(
    `"Do you want some ${food}?" asked ${name}.`,
    `${friend.name} smiled and said, "Yes, please!"`,
    `They sat under a tree and ate the ${food} together.`,
    context.pick([
      `Sharing made them both ${context.pick(happyFeelings)}.`,
      `${name} learned that sharing is fun.`,
    ]),
  );
  return sentences;
}

function makeSomething(context: StoryContext, hero: Character): string[] {
  const { name, subject } = hero;
  const creation = context.pick(creations);
  const friend = context.character(name);
  const sentences = [
    `One day, ${name} wanted to make ${withArticle(creation.noun)}.`,
    `${capitalize(subject)} got some ${creation.material}.`,
  ];
  if (context.chance(0.5)) sentences.push(`${name} worked hard all morning.`);
  sentences.push(
    `But the ${creation.noun} ${creation.failure}.`,
    `${name} felt ${context.pick(sadFeelings)} and wanted to stop.`,
    `Then ${friend.name} the ${friend.kind.noun} came to help.`,
    `"Let us try again together," said ${friend.name}.`,
    `This time, they ${creation.made} a big ${creation.noun}.`,
    context.pick([
      `${name} was so proud of the ${creation.noun}.`,
      `${name} was very happy with the ${creation.noun}.`,
      `They looked at the ${creation.noun} and laughed.`,
    ]),
  );
  return sentences;
}

function trip(context: StoryContext, hero: Character): string[] {
  const { name, subject, possessive } = hero;
  const place = context.place();
  const thing = context.thing();
  const [first, second] = context.random.shuffle([...sights]);
  const sentences = [
    `One sunny morning, ${name} went to the ${place.noun} with ${possessive} ${context.pick(['mom', 'dad', 'grandma', 'grandpa'])}.`,
    `${capitalize(context.pick(weathers))}.`,
    `${capitalize(subject)} saw ${first} and ${second}.`,
    `Then ${name} found ${withArticle(`${thing.adjective} ${thing.noun}`)} ${context.pick(hidingSpots)}.`,
    `${capitalize(subject)} was very ${context.pick(['excited', 'surprised', 'happy'])}.`,
  ];
  if (context.chance(0.6)) sentences.push(`"Look what I found!" said ${name}.`);
  sentences.push(`${name} took the ${thing.noun} home.`);
  if (context.chance(0.6)) {
    sentences.push(`That night, ${subject} dreamed about the ${place.noun}.`);
  }
  return sentences;
}

function newFriend(context: StoryContext, hero: Character): string[] {
  const { name } = hero;
  const friend = context.character(name);
  const place = context.place();
  const lonely = context.pick(['shy', 'lonely', 'sad']);
  const sentences = [
    `One day, ${name} met ${introduce(friend)} ${at(place)}.`,
    `${friend.name} was new and felt ${lonely}.`,
    `"Do you want to play with me?" asked ${name}.`,
    `${friend.name} said, "Yes!"`,
    `They played ${context.pick(['hide and seek', 'tag', 'ball', 'in the sand'])} all day.`,
  ];
  if (context.chance(0.5)) sentences.push('They laughed and ran until the sun went down.');
  sentences.push(
    `${friend.name} was not ${lonely} anymore.`,
    `From that day on, ${name} and ${friend.name} were best friends.`,
  );
  return sentences;
}

export const storyArcs: readonly StoryArc[] = [
  lostThing,
  helpAnimal,
  nightFear,
  sharing,
  makeSomething,
  trip,
  newFriend,
];
