import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { createTrainingProgressReporter, parseStepEvent } from './training-progress-reporter.js';

function pipeIo(lines: string[]): CliIo {
  return {
    cwd: '.',
    env: {},
    interactive: false,
    stdout: (text: string) => lines.push(text),
    stderr: (text: string) => lines.push(text),
  };
}

describe('parseStepEvent', () => {
  it("reads OpenAI's per-step event and ignores the rest", () => {
    expect(parseStepEvent('Step 7/40: training loss=1.2345')).toEqual({
      step: 7,
      totalSteps: 40,
      loss: 1.2345,
    });
    expect(parseStepEvent('Epoch 1: validation loss=0.5')).toBeUndefined();
    expect(parseStepEvent('Checkpoint created at step 40: ft:x')).toBeUndefined();
  });
});

describe('createTrainingProgressReporter on a pipe', () => {
  it('prints at most one line every 5 s, always the last step, with rate and ETA', () => {
    const lines: string[] = [];
    let clock = 0;
    const reporter = createTrainingProgressReporter(pipeIo(lines), () => clock);
    for (let step = 1; step <= 10; step++) {
      clock = (step - 1) * 1000; // one step per second
      reporter.update({ step, totalSteps: 10, loss: 1 / step });
    }
    expect(lines).toEqual([
      '  training step 1/10 | 0.0 steps/s | ETA ? | loss 1.0000\n',
      '  training step 6/10 | 1.0 steps/s | ETA 4s | loss 0.1667\n',
      '  training step 10/10 | 1.0 steps/s | ETA 0s | loss 0.1000\n',
    ]);
  });
});
