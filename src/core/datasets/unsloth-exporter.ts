import { type EngineExporter, onlyChatRoles, plainMessages, usesTools } from './engine-exporter.js';

/**
 * Unsloth: `{messages}` rows and a small Python script (LoRA on a 4-bit base, the chat
 * template applied by the tokenizer, TRL's SFTTrainer), run with `python train_unsloth.py`.
 */
export const unslothExporter: EngineExporter = {
  engine: 'unsloth',
  defaultBaseModel: 'unsloth/Qwen2.5-0.5B-Instruct',
  supportsPreference: false,
  row(example) {
    if (example.kind === 'preference')
      return { skip: 'Unsloth export covers supervised rows only' };
    if (usesTools(example))
      return { skip: 'tool-calling rows are exported to openai and trl only' };
    if (!onlyChatRoles(example))
      return { skip: 'only system, user and assistant roles are exported' };
    return { messages: plainMessages(example.messages) };
  },
  recipe(context) {
    const script = `"""Finetune ${context.baseModel} with Unsloth (LoRA) on ${context.dataFile}.

Written by tunegate data export: ${context.examples} examples, ${context.epochs} epochs (epoch rule).
Run: python train_unsloth.py
"""
from unsloth import FastLanguageModel
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

BASE_MODEL = ${JSON.stringify(context.baseModel)}
DATA_FILE = ${JSON.stringify(context.dataFile)}
MAX_SEQ_LENGTH = 2048

model, tokenizer = FastLanguageModel.from_pretrained(
    model_name=BASE_MODEL, max_seq_length=MAX_SEQ_LENGTH, load_in_4bit=True
)
model = FastLanguageModel.get_peft_model(
    model,
    r=16,
    lora_alpha=16,
    lora_dropout=0,
    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    use_gradient_checkpointing="unsloth",
    random_state=3407,
)

dataset = load_dataset("json", data_files=DATA_FILE, split="train")


def to_text(batch):
    return {"text": [tokenizer.apply_chat_template(messages, tokenize=False) for messages in batch["messages"]]}


dataset = dataset.map(to_text, batched=True, remove_columns=dataset.column_names)

trainer = SFTTrainer(
    model=model,
    processing_class=tokenizer,
    train_dataset=dataset,
    args=SFTConfig(
        dataset_text_field="text",
        max_length=MAX_SEQ_LENGTH,
        per_device_train_batch_size=2,
        gradient_accumulation_steps=4,
        num_train_epochs=${context.epochs},
        learning_rate=2e-4,
        logging_steps=10,
        optim="adamw_8bit",
        seed=3407,
        output_dir="outputs",
        report_to="none",
    ),
)
trainer.train()
model.save_pretrained("lora_model")
tokenizer.save_pretrained("lora_model")
`;
    return {
      files: [{ name: 'train_unsloth.py', text: script }],
      command: 'python train_unsloth.py',
    };
  },
};
