import { type EngineExporter, onlyChatRoles, plainMessages, usesTools } from './engine-exporter.js';

/**
 * Fireworks' supervised rows: `{messages}` of system, user and assistant messages with text
 * content, a system message only first. Per-message weights have no place in the documented
 * format and are dropped.
 */
export const fireworksExporter: EngineExporter = {
  engine: 'fireworks',
  defaultBaseModel: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
  supportsPreference: false,
  row(example) {
    if (example.kind === 'preference')
      return { skip: 'Fireworks export covers supervised rows only' };
    if (usesTools(example))
      return { skip: "tool calls are not part of Fireworks' documented supervised format" };
    if (!onlyChatRoles(example))
      return { skip: 'Fireworks accepts system, user and assistant roles only' };
    const messages = plainMessages(example.messages);
    if (messages.slice(1).some((message) => message.role === 'system')) {
      return { skip: 'Fireworks accepts a system message only as the first message' };
    }
    if (!messages.some((message) => message.role === 'assistant'))
      return { skip: 'no assistant message' };
    return { messages };
  },
};
