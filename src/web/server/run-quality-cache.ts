import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EvidenceStore } from '../../core/limits/evidence-store.js';
import { measureGroupQuality } from '../../core/limits/measure-group-quality.js';
import type { GroupQualityView, GroupRef } from '../api-contract.js';

const groupId = (group: GroupRef) =>
  JSON.stringify([group.variant, group.model, group.samplingIndex]);

/**
 * Consistency and diversity read every output of a group (about 0.1 s per 5,000 cells), so they
 * are measured one group at a time, giving the event loop back in between, and remembered
 * until more cells arrive in the run.
 */
export class RunQualityCache {
  readonly #runs = new Map<string, { stored: number; groups: Map<string, GroupQualityView> }>();

  /** Measures each group (or takes it from the cache) and hands it over as soon as it is known. */
  async measure(
    store: EvidenceStore,
    runId: string,
    stored: number,
    groups: readonly GroupRef[],
    options: { jsonOutputs: boolean; labelOutputs: boolean; isWanted: () => boolean },
    deliver: (group: GroupRef, quality: GroupQualityView) => void,
  ): Promise<void> {
    let entry = this.#runs.get(runId);
    if (!entry || entry.stored !== stored) {
      entry = { stored, groups: new Map() };
      this.#runs.set(runId, entry);
    }
    for (const group of groups) {
      if (!options.isWanted()) return;
      const id = groupId(group);
      let quality = entry.groups.get(id);
      if (!quality) {
        quality = measureGroupQuality(
          store,
          { runId, variant: group.variant, model: group.model, samplingIndex: group.samplingIndex },
          { jsonOutputs: options.jsonOutputs, labelOutputs: options.labelOutputs },
        ).quality;
        entry.groups.set(id, quality);
        await nextTurn();
      }
      deliver(group, quality);
    }
  }
}
