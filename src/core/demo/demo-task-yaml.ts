import type { DemoSize } from './demo-size.js';

/** The commented line the data stage turns into `data.train`. */
export const pendingTrainLine = '  # train: data/train.jsonl (set by the data stage';

export const demoModelFile = 'models/tunegate-demo-stories.gguf';

/** The demo's task file: one small extraction task on tunegate's own demo base model. */
export function demoTaskYaml(size: DemoSize): string {
  return `# story-place: tunegate's offline demo task (written by tunegate demo).
# The demo base model is a tiny story model that tunegate trained itself; it runs on the CPU.
name: story-place
description: >-
  Name the place in one sentence of a children's story, as one lower-case word.

# The plain instruction: rule 1 measures it zero-shot before anything else.
instruction: Write the place named in the sentence, as one lower-case word.
input: "{{sentence}}"
output:
  kind: text
  field: place

# Acceptance criteria, written down before any result.
checks:
  - name: one-word
    type: regex
    pattern: "^\\\\s*[a-z]+\\\\s*$"
    kind: format
  - name: right-place
    type: equals
    expected: "{{place}}"
    kind: content

targets:
  passRate: 0.9
  consistency: 0.95

data:
  eval: data/eval.jsonl # held out: never used as examples or training data
  fewShot: data/few-shot.jsonl
  # train: data/train.jsonl (set by the data stage, which writes it from data/train-candidates.jsonl)
  validation: data/validation.jsonl

models:
  - ref: local:${demoModelFile}
    name: demo-base
    price: { input: 0, output: 0, training: 0 } # runs on this machine

variants:
  - name: plain
    description: The plain instruction, zero-shot (what tunegate probe measures).

sampling:
  temperature: [0.7]
  maxTokens: 6
  stop: ["\\n"]

repeats: ${size.repeats}

run:
  concurrency: 4

lab:
  finetune:
    model: demo-base
    epochs: ${size.epochs}

policy:
  minTrainExamples: 200
`;
}
