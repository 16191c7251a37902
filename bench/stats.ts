/**
 * Proves the case-level statistics by simulation:
 *
 *   npm run bench:stats            (all settings, 5,000 evaluations each)
 *   npm run bench:stats -- 300     (a quick pass: 300 evaluations per setting)
 *
 * Settings: 20–400 cases × 1–10 repeats × within-case correlation 0–1. Each evaluation draws
 * a true mean pass rate uniformly from [0.05, 0.95], per-case pass probabilities from the
 * Beta distribution with that mean and correlation, and independent repeats. It records
 * whether tunegate's 95 % interval holds the true mean (coverage) and whether the paired test
 * calls two arms with the same per-case probabilities different at α = 0.05 (type I error).
 * The trial-level Wilson interval tunegate used before is measured beside it for contrast.
 * Seeded: the same command prints the same table. Last line:
 * `stats_worst_coverage_pct VALUE %`, the worst setting's coverage.
 */
import { performance } from 'node:perf_hooks';

type Simulation = typeof import('../src/core/statistics/interval-simulation.js');
type Random = typeof import('../src/core/random/seeded-random.js');
type Wilson = typeof import('../src/core/metrics/wilson-interval.js');

const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
const { simulateSetting }: Simulation = await import(
  dist('core/statistics/interval-simulation.js')
);
const { seededRandom }: Random = await import(dist('core/random/seeded-random.js'));
const { wilsonInterval }: Wilson = await import(dist('core/metrics/wilson-interval.js'));

const evaluations = Number(process.argv[2] ?? 5000);
const caseCounts = [20, 50, 100, 200, 400];
const repeatCounts = [1, 2, 3, 5, 10];
const correlations = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];

const trialWilson = (tallies: readonly { answered: number; passed: number }[]) => {
  let passed = 0;
  let answered = 0;
  for (const tally of tallies) {
    passed += tally.passed;
    answered += tally.answered;
  }
  return wilsonInterval(passed, answered);
};

const percent = (value: number) => (value * 100).toFixed(1);
const started = performance.now();
const rows: string[] = [];
let worst = { coverage: 1, label: '' };
let worstTypeOne = { rate: 0, label: '' };
let outside = 0;
let settings = 0;
let total = 0;
for (const cases of caseCounts) {
  for (const repeats of repeatCounts) {
    // With one repeat a case is a single trial: the correlation cannot show in the interval.
    // ρ 0.5 keeps per-case probabilities between 0 and 1, so two identical arms can still
    // disagree on a case and the type I error means something (at ρ 1 they never can).
    for (const correlation of repeats === 1 ? [0.5] : correlations) {
      const seed = cases * 1_000_003 + repeats * 1009 + Math.round(correlation * 100);
      const setting = { cases, repeats, correlation };
      const result = simulateSetting(setting, evaluations, seededRandom(seed));
      const old = simulateSetting(setting, Math.min(evaluations, 500), seededRandom(seed), {
        interval: trialWilson,
      });
      settings += 1;
      total += evaluations;
      const label = `${cases} cases, ${repeats} repeats, ρ ${repeats === 1 ? 'any' : correlation}`;
      if (result.coverage < worst.coverage) worst = { coverage: result.coverage, label };
      if (result.typeOneError > worstTypeOne.rate) {
        worstTypeOne = { rate: result.typeOneError, label };
      }
      const inside = result.coverage >= 0.935 && result.coverage <= 0.965;
      if (!inside || result.typeOneError > 0.055) outside += 1;
      rows.push(
        `| ${cases} | ${repeats} | ${repeats === 1 ? 'any' : correlation} | ${percent(result.coverage)} | ${percent(result.typeOneError)} | ${result.meanWidth.toFixed(3)} | ${percent(old.coverage)} |${inside ? '' : ' outside'}`,
      );
    }
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${settings} settings × ${evaluations} evaluations = ${total} evaluations in ${seconds.toFixed(1)} s`,
);
console.log('');
console.log(
  '| cases | repeats | ρ | coverage % | type I % | mean width | trial-level Wilson coverage % |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log('');
console.log(
  `settings outside the goal (coverage 93.5–96.5 %, type I ≤ 5.5 %): ${outside} of ${settings}`,
);
console.log(`worst type I error: ${percent(worstTypeOne.rate)} % (${worstTypeOne.label})`);
console.log(`worst coverage: ${percent(worst.coverage)} % (${worst.label})`);
console.log(`stats_worst_coverage_pct ${percent(worst.coverage)} %`);
