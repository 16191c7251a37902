import type { EngineExporter } from './engine-exporter.js';

/**
 * OpenAI's fine-tuning rows: supervised `{messages, tools?, parallel_tool_calls?}` and
 * preference `{input: {messages, tools?}, preferred_output, non_preferred_output}`.
 */
export const openAIExporter: EngineExporter = {
  engine: 'openai',
  defaultBaseModel: 'gpt-4o-mini-2024-07-18',
  supportsPreference: true,
  row(example) {
    if (example.messages.length === 0) return { skip: 'no messages' };
    if (example.kind === 'preference') {
      const input: Record<string, unknown> = { messages: example.messages };
      if (example.tools !== undefined) input.tools = example.tools;
      return {
        input,
        preferred_output: [{ role: 'assistant', content: example.preferred }],
        non_preferred_output: [{ role: 'assistant', content: example.rejected }],
      };
    }
    const row: Record<string, unknown> = { messages: example.messages };
    if (example.tools !== undefined) row.tools = example.tools;
    if (example.parallelToolCalls !== undefined)
      row.parallel_tool_calls = example.parallelToolCalls;
    return row;
  },
};
