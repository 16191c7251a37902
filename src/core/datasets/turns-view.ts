import type { ChatTurn } from './chat-message-rules.js';
import type { ExampleView } from './example-view.js';

/**
 * The view of a conversation: the input is every user and tool turn, the output the last
 * assistant turn (its tool calls when it has no text), system text counts only in fullText.
 */
export function turnsView(turns: readonly ChatTurn[], extraIdentity = ''): ExampleView {
  const inputs: string[] = [];
  const texts: string[] = [];
  const all: string[] = [];
  const identity: string[] = [];
  let output: string | undefined;
  for (const turn of turns) {
    const text = turn.calls === undefined ? turn.text : `${turn.text}${turn.calls}`;
    all.push(text);
    identity.push(`${turn.role}\u0000${text}`);
    if (turn.role === 'system') continue;
    texts.push(text);
    if (turn.role === 'assistant') output = turn.text !== '' ? turn.text : turn.calls;
    else inputs.push(text);
  }
  const input = inputs.join('\n');
  return {
    input,
    output,
    text: texts.join('\n'),
    fullText: all.join('\n'),
    identity: identity.join('\u0001') + extraIdentity,
    messageCount: turns.length,
    caseFields: { input, expected: output ?? '' },
  };
}
