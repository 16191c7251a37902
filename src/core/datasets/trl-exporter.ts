import { stringify } from 'yaml';
import {
  type EngineExporter,
  type ExportEngine,
  plainMessages,
  textOf,
} from './engine-exporter.js';
import type { ExportMessage } from './training-example.js';

/**
 * TRL: conversational rows (`{messages}`, tools as a `tools` column; preference rows as
 * `{prompt, chosen, rejected}`), a YAML config for the `trl` CLI, and `trl sft` / `trl dpo`.
 * Tool-call arguments become objects, as Hugging Face chat templates expect them.
 */
export const trlExporter: EngineExporter = {
  engine: 'trl' satisfies ExportEngine,
  defaultBaseModel: 'Qwen/Qwen2.5-0.5B-Instruct',
  supportsPreference: true,
  row(example) {
    if (example.kind === 'preference') {
      return {
        prompt: plainMessages(example.messages),
        chosen: [{ role: 'assistant', content: example.preferred }],
        rejected: [{ role: 'assistant', content: example.rejected }],
      };
    }
    const row: Record<string, unknown> = { messages: example.messages.map(huggingFaceMessage) };
    if (example.tools !== undefined) row.tools = example.tools;
    return row;
  },
  recipe(context) {
    const preference = context.kind === 'preference';
    const config = {
      model_name_or_path: context.baseModel,
      datasets: [{ path: 'json', data_files: context.dataFile, split: 'train' }],
      output_dir: preference ? './outputs/trl-dpo' : './outputs/trl-sft',
      num_train_epochs: context.epochs,
      learning_rate: preference ? 5.0e-6 : 2.0e-4,
      per_device_train_batch_size: 2,
      gradient_accumulation_steps: 4,
      max_length: 2048,
      use_peft: true,
      lora_r: 16,
      lora_alpha: 32,
      lora_dropout: 0.05,
      lora_target_modules: 'all-linear',
      logging_steps: 10,
      save_strategy: 'epoch',
      report_to: 'none',
      seed: 42,
    };
    const name = preference ? 'dpo_config.yaml' : 'sft_config.yaml';
    const header = `# Written by tunegate data export: ${context.examples} examples, ${context.epochs} epochs (epoch rule).\n`;
    return {
      files: [{ name, text: header + stringify(config) }],
      command: `trl ${preference ? 'dpo' : 'sft'} --config ${name}`,
    };
  },
};

function huggingFaceMessage(message: ExportMessage): Record<string, unknown> {
  const converted: Record<string, unknown> = {
    role: message.role,
    content: textOf(message.content),
  };
  if (Array.isArray(message.tool_calls)) {
    converted.tool_calls = message.tool_calls.map(
      (call: { id?: string; function?: { name?: string; arguments?: string } }) => ({
        ...(call.id ? { id: call.id } : {}),
        type: 'function',
        function: {
          name: call.function?.name,
          arguments: parseArguments(call.function?.arguments),
        },
      }),
    );
  }
  if (typeof message.tool_call_id === 'string') converted.tool_call_id = message.tool_call_id;
  if (typeof message.name === 'string') converted.name = message.name;
  return converted;
}

function parseArguments(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '{}');
  } catch {
    return text;
  }
}
