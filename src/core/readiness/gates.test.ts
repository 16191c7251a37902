import { describe, expect, it } from 'vitest';
import { addRun, type SyntheticGroup } from '../../../test/support/synthetic-evidence.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { analyzeLimits } from '../limits/analyze-limits.js';
import { lintTask } from '../prompt-lab/lint-task.js';
import { taskSchema } from '../task/task-schema.js';
import { baselineGate } from './baseline-gate.js';
import { dataGate } from './data-gate.js';
import { type DatasetReadiness, noTrainingData } from './dataset-readiness.js';
import { fitGate } from './fit-gate.js';
import type { GateInputs } from './gate-inputs.js';
import { limitsGate } from './limits-gate.js';
import { promptingGate } from './prompting-gate.js';

const instruction = 'Classify the message. Answer with exactly one word: spam or ham.';

function config(overrides: Record<string, unknown> = {}) {
  return taskSchema.parse({
    name: 'demo',
    instruction,
    output: { kind: 'label', labels: ['spam', 'ham'] },
    checks: [{ type: 'label' }, { type: 'equals' }],
    targets: { passRate: 0.9 },
    data: { eval: 'eval.jsonl', fewShot: 'pool.jsonl' },
    models: [
      { ref: 'double:a', name: 'a' },
      { ref: 'double:b', name: 'b' },
    ],
    variants: [
      { name: 'baseline' },
      { name: 'firm', instruction: `Label the message. ${instruction}` },
      { name: 'shots', fewShot: { k: 2 } },
      { name: 'persona', system: 'You sort mail. You answer spam or ham.' },
      { name: 'vague', instruction: 'Classify the message.' },
    ],
    ...overrides,
  });
}

const cleanData = (clean: number, extra: Partial<DatasetReadiness> = {}): DatasetReadiness => ({
  ...noTrainingData(),
  file: 'train.jsonl',
  rows: clean,
  cleanExamples: clean,
  method: 'exact copies',
  ...extra,
});

/** Stores the runs (each a list of groups) and builds the gates' inputs over them. */
function inputs(
  runs: { groups: SyntheticGroup[]; kind?: 'probe' }[],
  options: {
    task?: ReturnType<typeof config>;
    dataset?: DatasetReadiness;
    evalCases?: number;
  } = {},
): GateInputs {
  const store = new SqliteEvalStore(':memory:');
  for (const run of runs) addRun(store, run.groups, run.kind ? { kind: run.kind } : {});
  const task = options.task ?? config();
  const limits = analyzeLimits(store, task);
  store.close();
  return {
    task,
    evalCases: options.evalCases ?? 4,
    limits,
    lint: lintTask(task),
    dataset: options.dataset ?? noTrainingData(),
  };
}

const four = (outcome: string) => ({ c1: outcome, c2: outcome, c3: outcome, c4: outcome });
const group = (variant: string, model: string, cases: Record<string, string>): SyntheticGroup => ({
  variant,
  model,
  cases,
});

describe('gate 1: baseline', () => {
  const probe = (models: string[], cases: Record<string, string> = four('pc')) => ({
    kind: 'probe' as const,
    groups: models.map((model) => group('baseline', model, cases)),
  });
  it.each([
    [
      'a probe of every model over every case passes',
      [probe(['a', 'b'])],
      true,
      // Every case passes 1 of 2: Wilson on 2 of 4 cases (no spread to credit repeats with).
      /b: 50\.0% \(95% CI 15\.0%–85\.0%\) over 4 cases × 2 repeats \(probe run/,
    ],
    [
      'a plain eval variant stands in for a probe',
      [{ groups: [group('baseline', 'a', four('p')), group('baseline', 'b', four('p'))] }],
      true,
      /variant baseline/,
    ],
    ['a model with no baseline fails', [probe(['a'])], false, /b: no baseline yet/],
    [
      'a partial probe fails',
      [probe(['a']), probe(['b'], { c1: 'p', c2: 'p', c3: 'c' })],
      false,
      /only 3 of 4 eval cases answered/,
    ],
    [
      'a non-plain variant is no baseline',
      [{ groups: [group('firm', 'a', four('p')), group('firm', 'b', four('p'))] }],
      false,
      /no baseline yet/,
    ],
  ])('%s', (_, runs, pass, evidence) => {
    const gate = baselineGate(inputs(runs));
    expect(gate.pass).toBe(pass);
    expect(gate.evidence.join('\n')).toMatch(evidence);
    expect(gate.next.length > 0).toBe(!pass);
  });

  it('says what to run next', () => {
    const gate = baselineGate(inputs([probe(['a']), probe(['b'], { c1: 'p' })]));
    expect(gate.next).toEqual([
      're-run `tunegate probe` without --limit so the baseline of b covers all 4 eval cases',
    ]);
  });
});

describe('gate 2: prompting explored', () => {
  // Best (75%) set first; the three later iterations never beat it: a plateau.
  const explored = [
    group('baseline', 'a', four('pppc')),
    group('firm', 'a', four('ppcc')),
    group('shots', 'a', four('ppcc')),
    group('persona', 'a', four('ppcc')),
  ];

  it('passes with enough variants over two axes, a clear best prompt and a plateau', () => {
    const gate = promptingGate(inputs([{ groups: explored }]));
    expect(gate.evidence).toEqual([
      '4 variants evaluated (at least 4 wanted): baseline, firm, shots, persona',
      'axes explored: wording, few-shot, system (at least 2 wanted)',
      'clarity lint of the best variant (baseline): no errors',
      expect.stringContaining('moved 0.0 points over the last 3 iterations (2–4)'),
    ]);
    expect(gate.pass).toBe(true);
  });

  it('fails with too few variants, and lab.minVariants sets the number', () => {
    const two = {
      groups: explored
        .slice(0, 2)
        .concat(
          explored
            .slice(0, 2)
            .map((g) => ({ ...g, samplingIndex: 1, sampling: { temperature: 1 } })),
        ),
    };
    const gate = promptingGate(inputs([two]));
    expect(gate.pass).toBe(false);
    expect(gate.summary).toContain('too few variants');
    expect(gate.next[0]).toContain('evaluate 2 more variants');
    // Two variants at two temperatures: wording and sampling axes.
    expect(gate.evidence[1]).toBe('axes explored: sampling, wording (at least 2 wanted)');
    expect(promptingGate(inputs([two], { task: config({ lab: { minVariants: 2 } }) })).pass).toBe(
      true,
    );
  });

  it('fails when every variant changes the same axis', () => {
    const task = config({
      variants: [
        { name: 'baseline' },
        { name: 'w1', instruction: `Sort the message. ${instruction}` },
        { name: 'w2', instruction: `Read the message. ${instruction}` },
        { name: 'w3', instruction: `Judge the message. ${instruction}` },
      ],
    });
    const groups = ['baseline', 'w1', 'w2', 'w3'].map((name, index) =>
      group(name, 'a', four(index === 0 ? 'pppc' : 'ppcc')),
    );
    const gate = promptingGate(inputs([{ groups }], { task }));
    expect(gate.pass).toBe(false);
    expect(gate.summary).toContain('too few axes');
    expect(gate.next).toEqual([
      expect.stringContaining('explore another axis (few-shot, system, sampling)'),
    ]);
  });

  it('fails when the best prompt is unclear', () => {
    const groups = explored.map((g) => (g.variant === 'baseline' ? { ...g, variant: 'vague' } : g));
    const gate = promptingGate(inputs([{ groups }]));
    expect(gate.pass).toBe(false);
    expect(gate.evidence[2]).toMatch(
      /clarity lint of the best variant \(vague\): 1 error: the instruction never names/,
    );
  });

  it('fails while the best score is still rising', () => {
    const rising = [
      group('baseline', 'a', four('cccc')),
      group('firm', 'a', four('pccc')),
      group('shots', 'a', four('ppcc')),
      group('persona', 'a', four('pppc')),
    ];
    const gate = promptingGate(inputs([{ groups: rising }]));
    expect(gate.pass).toBe(false);
    expect(gate.summary).toContain('no plateau');
    expect(gate.next).toEqual([expect.stringContaining('still improving')]);
  });
});

describe('gate 3: limits found', () => {
  it('passes when the best misses the target with confidence and names the hard cases', () => {
    const gate = limitsGate(
      inputs([
        { groups: [group('baseline', 'a', { c1: 'ppp', c2: 'pcc', c3: 'ccc', c4: 'ppc' })] },
      ]),
    );
    // 6 of 12: Wilson upper bound 0.75 < 0.9.
    expect(gate.pass).toBe(true);
    expect(gate.meetsTargets).toBe(false);
    expect(gate.evidence.join('\n')).toContain('never solved by any prompt (1): c3');
  });

  it('says keep prompting when a prompt meets every target', () => {
    const gate = limitsGate(inputs([{ groups: [group('baseline', 'a', four('pppppppppp'))] }]));
    expect(gate.pass).toBe(false);
    expect(gate.meetsTargets).toBe(true);
    expect(gate.next[0]).toContain('ship baseline on a');
  });

  it('counts the best prompt misses over answered repeats, failed calls left out', () => {
    // 1 failed call of 12 (under the 10 % policy): c1 passed 1 of its 2 answered repeats.
    const gateInputs = inputs([
      { groups: [group('baseline', 'a', { c1: 'pce', c2: 'ppp', c3: 'ppp', c4: 'ppp' })] },
    ]);
    expect(gateInputs.limits.best?.incomplete).toBe(false);
    expect(gateInputs.limits.bestMisses).toEqual([
      { caseId: 'c1', passed: 1, trials: 2, output: expect.any(String) },
    ]);
    // Case shares 1/2, 1, 1, 1: the failed call is no failure of the prompt.
    expect(gateInputs.limits.best?.passRate).toBeCloseTo(0.875, 12);
  });

  it('fails while the interval still reaches the target', () => {
    // Case shares 1, 1, 1, ½ = 87.5%, below 90%, but the interval over 4 cases reaches it.
    const gateInputs = inputs([
      { groups: [group('baseline', 'a', { c1: 'pp', c2: 'pp', c3: 'pp', c4: 'pc' })] },
    ]);
    const gate = limitsGate(gateInputs);
    expect(gate.pass).toBe(false);
    expect(gate.meetsTargets).toBe(false);
    expect(gate.summary).toContain('not yet clear');
    expect(gate.evidence[0]).toContain('87.5% ');
    expect(gate.evidence[0]).toContain('over 4 cases, 2 repeats each');
    const needed = gateInputs.limits.targetPower?.cases as number;
    expect(needed).toBeGreaterThan(4);
    expect(gate.next[0]).toContain(`about ${needed} (4 now)`);
  });

  it('passes on a consistency target missed with confidence even when the pass rate is met', () => {
    const task = config({ targets: { passRate: 0.5, consistency: 0.95 } });
    // Every case alternates right and wrong answers: agreement 50%, pass rate 50%.
    const cases = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, 'pcpc']));
    const gate = limitsGate(inputs([{ groups: [group('baseline', 'a', cases)] }], { task }));
    expect(gate.pass).toBe(true);
    expect(gate.evidence[1]).toMatch(/^consistency \(agreement across repeats\) 50.0%/);
  });

  it('fails with no evaluations', () => {
    expect(limitsGate(inputs([])).summary).toBe('no evaluations yet');
  });
});

describe('gate 4: finetuning fits the gap', () => {
  it('passes when most failures are format or consistency failures', () => {
    // c1: format; c2: consistency; c3: format + consistency; c4: passes. 0 knowledge.
    const gate = fitGate(
      inputs([
        { groups: [group('baseline', 'a', { c1: 'ppf', c2: 'pcp', c3: 'pfc', c4: 'ppp' })] },
      ]),
    );
    expect(gate.pass).toBe(true);
    expect(gate.evidence[0]).toBe(
      'of 4 failing answers at baseline on a: 2 format, 2 consistency (the case passes on another repeat), 0 knowledge (never passes)',
    );
  });

  it('fails when most failures are missing knowledge', () => {
    const gate = fitGate(
      inputs([
        {
          groups: [
            group('baseline', 'a', { c1: 'ccc', c2: 'ccc', c3: 'pfp', c4: 'ppp' }),
            group('firm', 'a', { c1: 'pcc' }),
          ],
        },
      ]),
    );
    expect(gate.pass).toBe(false);
    expect(gate.evidence[0]).toContain(
      '6 knowledge (never passes), 3 of them solved by another variant',
    );
    expect(gate.next[0]).toContain('most failures (85.7%) are missing knowledge');
  });

  it('cannot tell consistency from knowledge with one repeat', () => {
    const gate = fitGate(
      inputs([{ groups: [group('baseline', 'a', { c1: 'c', c2: 'c', c3: 'p', c4: 'f' })] }]),
    );
    expect(gate.pass).toBe(false);
    expect(gate.evidence).toContain(
      'one repeat per case: inconsistency cannot be told from missing knowledge',
    );
    expect(gate.next[0]).toContain('repeats ≥ 3');
  });

  it('shows the creativity at stake with a diversity floor, and fails below it', () => {
    const varied = (caseId: string, outcome: string, repeat: number) =>
      outcome === 'p' ? `a fine answer ${caseId} ${repeat}` : `wrong shape ${caseId}`;
    const groups = [
      { ...group('baseline', 'a', { c1: 'ppf', c2: 'pcp', c3: 'ppp', c4: 'ppp' }), output: varied },
    ];
    // Free text: the floor guards creativity (a label task's would not apply, see below).
    const textTask = config({
      output: { kind: 'text' },
      targets: { passRate: 0.9, diversityFloor: 0.5 },
    });
    const high = fitGate(inputs([{ groups }], { task: textTask }));
    expect(high.pass).toBe(true);
    expect(high.evidence.join('\n')).toMatch(
      /diversity \(distinct-2 across inputs\) 0\.\d{3}, floor 0\.5: a finetune may lose at most/,
    );
    const same = [{ ...groups[0], output: () => 'the same words every time' }] as SyntheticGroup[];
    const low = fitGate(inputs([{ groups: same }], { task: textTask }));
    expect(low.pass).toBe(false);
    expect(low.summary).toBe('the failures fit a finetune, but the creativity floor is at risk');
  });

  it('does not gate on the diversity floor for labels or short answers', () => {
    // One answer for every case: distinct-2 across inputs is 0, far below the floor.
    const sameLabel = [
      {
        ...group('baseline', 'a', { c1: 'ppf', c2: 'pcp', c3: 'ppp', c4: 'ppp' }),
        output: () => 'spam',
      },
    ];
    const floor = { passRate: 0.9, diversityFloor: 0.5 };
    const labels = fitGate(inputs([{ groups: sameLabel }], { task: config({ targets: floor }) }));
    expect(labels.pass).toBe(true);
    expect(labels.evidence).toContain(
      'diversity floor 0.5 does not apply: label outputs (1 distinct answer over 4 inputs, the most common 100%); agreement across repeats is the measure here',
    );
    // A text task whose answers are one word: short answers (median 1 word ≤ 3).
    const short = fitGate(
      inputs([{ groups: sameLabel }], {
        task: config({ output: { kind: 'text' }, targets: floor }),
      }),
    );
    expect(short.pass).toBe(true);
    expect(short.evidence.join('\n')).toContain(
      'diversity floor 0.5 does not apply: short answers (median 1 word)',
    );
    // The same text task with long answers all alike is gated: the floor applies there.
    const long = [
      { ...sameLabel[0], output: () => 'the same words every time' },
    ] as SyntheticGroup[];
    const gated = fitGate(
      inputs([{ groups: long }], { task: config({ output: { kind: 'text' }, targets: floor }) }),
    );
    expect(gated.pass).toBe(false);
  });
});

describe('gate 5: data ready', () => {
  it.each([
    [
      'enough clean examples and no leakage',
      cleanData(250),
      {},
      true,
      /250 clean \(at least 200 wanted\)/,
    ],
    ['no train file', noTrainingData(), {}, false, /no train file/],
    [
      'too few clean examples',
      cleanData(150, { rows: 180, duplicates: 30 }),
      {},
      false,
      /30 duplicates/,
    ],
    ['leakage into the eval set', cleanData(300, { leakage: 3 }), {}, false, /3 repeat eval cases/],
    [
      'a lower policy minimum',
      cleanData(150),
      { policy: { minTrainExamples: 100 } },
      true,
      /at least 100 wanted/,
    ],
  ])('%s', (_, dataset, overrides, pass, evidence) => {
    const gate = dataGate(inputs([], { dataset, task: config(overrides) }));
    expect(gate.pass).toBe(pass);
    expect(gate.evidence.join('\n')).toMatch(evidence);
    expect(gate.evidence[0]).toBe(
      'acceptance criteria: 2 checks (1 format, 1 content), target pass rate 90.0%',
    );
  });

  it('names what to fix', () => {
    const gate = dataGate(inputs([], { dataset: cleanData(150, { leakage: 2, invalid: 4 }) }));
    expect(gate.next).toEqual([
      "remove the 2 training rows that repeat eval cases: they would inflate the finetune's score",
      'add 50 more clean examples, or fix the 4 rows that are invalid or fail the checks',
    ]);
  });
});
