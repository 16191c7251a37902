import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import { readLocalEngineSettings } from './local-engine-settings.js';

describe('readLocalEngineSettings', () => {
  it('defaults to the F16 cache, chosen threads and two sequences', () => {
    expect(readLocalEngineSettings({})).toEqual({
      deterministic: false,
      threads: undefined,
      sequences: 2,
      contextSize: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      readLocalEngineSettings({
        TUNEGATE_LOCAL_DETERMINISTIC: 'true',
        TUNEGATE_LOCAL_THREADS: '1',
        TUNEGATE_LOCAL_SEQUENCES: ' 4 ',
        TUNEGATE_LOCAL_CONTEXT_SIZE: '256',
      }),
    ).toEqual({ deterministic: true, threads: 1, sequences: 4, contextSize: 256 });
    expect(readLocalEngineSettings({ TUNEGATE_LOCAL_DETERMINISTIC: '0' }).deterministic).toBe(
      false,
    );
  });

  it('names the variable when a value is wrong', () => {
    expect(() => readLocalEngineSettings({ TUNEGATE_LOCAL_DETERMINISTIC: 'yes' })).toThrow(
      /TUNEGATE_LOCAL_DETERMINISTIC/,
    );
    expect(() => readLocalEngineSettings({ TUNEGATE_LOCAL_THREADS: '0' })).toThrow(TunegateError);
    expect(() => readLocalEngineSettings({ TUNEGATE_LOCAL_SEQUENCES: '1.5' })).toThrow(
      /TUNEGATE_LOCAL_SEQUENCES/,
    );
  });
});
