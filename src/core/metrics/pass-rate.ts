import type { CheckResult } from '../../spec/check-result.js';
import { type RateInterval, wilsonInterval, Z_95 } from './wilson-interval.js';

export interface PassRate extends RateInterval {
  passes: number;
  total: number;
}

/** A case passes when every one of its checks passes (vacuously true with no checks). */
export function allChecksPass(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.pass);
}

/** Share of passing cases with its Wilson interval (95 % unless another z is given). */
export function passRate(passed: readonly boolean[], z = Z_95): PassRate {
  const passes = passed.filter(Boolean).length;
  return { passes, total: passed.length, ...wilsonInterval(passes, passed.length, z) };
}
