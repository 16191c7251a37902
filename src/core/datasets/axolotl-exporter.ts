import { stringify } from 'yaml';
import { type EngineExporter, onlyChatRoles, plainMessages, usesTools } from './engine-exporter.js';

/**
 * Axolotl: `{messages}` rows read by its `chat_template` dataset type, a LoRA config, and
 * `accelerate launch -m axolotl.cli.train config.yml`. A 0/1 weight on an assistant turn
 * becomes the per-message `train` flag (`message_field_training: train`).
 */
export const axolotlExporter: EngineExporter = {
  engine: 'axolotl',
  defaultBaseModel: 'Qwen/Qwen2.5-0.5B-Instruct',
  supportsPreference: false,
  row(example) {
    if (example.kind === 'preference')
      return { skip: 'axolotl export covers supervised rows only' };
    if (usesTools(example))
      return { skip: 'tool-calling rows are exported to openai and trl only' };
    if (!onlyChatRoles(example))
      return { skip: 'only system, user and assistant roles are exported' };
    const messages = plainMessages(example.messages, true).map(({ weight, ...message }) =>
      weight === undefined ? message : { ...message, train: weight === 1 },
    );
    return { messages };
  },
  recipe(context) {
    const dataset: Record<string, unknown> = {
      path: `./${context.dataFile}`,
      ds_type: 'json',
      type: 'chat_template',
      field_messages: 'messages',
      message_property_mappings: { role: 'role', content: 'content' },
      roles_to_train: ['assistant'],
      train_on_eos: 'turn',
    };
    if (context.weighted) dataset.message_field_training = 'train';
    const config = {
      base_model: context.baseModel,
      chat_template: 'tokenizer_default',
      datasets: [dataset],
      dataset_prepared_path: './last_run_prepared',
      val_set_size: 0,
      output_dir: './outputs/axolotl-lora',
      adapter: 'lora',
      lora_r: 16,
      lora_alpha: 32,
      lora_dropout: 0.05,
      lora_target_linear: true,
      sequence_len: 2048,
      sample_packing: false,
      micro_batch_size: 2,
      gradient_accumulation_steps: 4,
      num_epochs: context.epochs,
      learning_rate: 0.0002,
      optimizer: 'adamw_torch',
      lr_scheduler: 'cosine',
      warmup_ratio: 0.05,
      bf16: 'auto',
      logging_steps: 10,
      saves_per_epoch: 1,
      seed: 42,
    };
    const header = `# Written by tunegate data export: ${context.examples} examples, ${context.epochs} epochs (epoch rule).\n`;
    return {
      files: [{ name: 'config.yml', text: header + stringify(config) }],
      command: 'accelerate launch -m axolotl.cli.train config.yml',
    };
  },
};
