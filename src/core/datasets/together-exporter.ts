import {
  alternates,
  type EngineExporter,
  isWeighted,
  onlyChatRoles,
  plainMessages,
  usesTools,
} from './engine-exporter.js';

/**
 * Together's conversational rows: system, user and assistant messages, starting with system
 * or user and alternating user / assistant after it. Weights are per message (0 or 1); once
 * any message has one Together trains on every message that does not say 0, so the export
 * gives non-assistant messages weight 0 explicitly.
 */
export const togetherExporter: EngineExporter = {
  engine: 'together',
  defaultBaseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
  supportsPreference: true,
  row(example) {
    if (usesTools(example))
      return { skip: "tool calls are not part of Together's conversational format" };
    if (!onlyChatRoles(example))
      return { skip: 'Together accepts system, user and assistant roles only' };
    if (example.kind === 'preference') {
      return {
        input: { messages: plainMessages(example.messages) },
        preferred_output: [{ role: 'assistant', content: example.preferred }],
        non_preferred_output: [{ role: 'assistant', content: example.rejected }],
      };
    }
    const messages = plainMessages(example.messages, true);
    if (!alternates(messages))
      return {
        skip: 'Together needs an optional system message, then alternating user / assistant turns',
      };
    if (isWeighted(example)) {
      for (const message of messages)
        message.weight = message.role === 'assistant' ? (message.weight ?? 1) : 0;
    }
    return { messages };
  },
};
