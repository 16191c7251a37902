import { TunegateError } from '../../spec/tunegate-error.js';
import { type ArmRequirements, coverageMismatch, settingsMismatch } from './arm-mismatch.js';
import type { ArmRole } from './comparison.js';
import type { LocatedGroup } from './locate-arm-runs.js';

const roleNames: Record<ArmRole, string> = {
  finetuned: 'finetuned',
  'best-prompt': 'best prompt',
  base: 'base',
};

/**
 * The last check before arms are compared: every arm on the same cases and repeats (else the
 * comparison is refused) and at the wanted settings (else a warning, said loudly, per arm).
 */
export function armsAlike(
  arms: readonly (readonly [ArmRole, LocatedGroup])[],
  wanted: ArmRequirements,
): string[] {
  const warnings: string[] = [];
  for (const [role, located] of arms) {
    const coverage = coverageMismatch(located.shape, wanted);
    if (coverage !== undefined) {
      throw new TunegateError(
        'STORE_ERROR',
        `the ${roleNames[role]} arm (run ${located.group.runId}) ${coverage}; every arm must run on the same cases and repeats`,
      );
    }
    const settings = settingsMismatch(located.shape, wanted.settings);
    if (settings !== undefined) {
      warnings.push(
        `the ${roleNames[role]} arm (run ${located.group.runId}) ${settings}: its figures are not comparable with the other arms`,
      );
    }
  }
  return warnings;
}
