import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test/support/temporary-directory.js';
import { loadServedModels } from './load-served-models.js';

describe('loadServedModels', () => {
  it('serves provider references under their own name', async () => {
    const { host, models } = await loadServedModels(['double:echo'], {
      env: {},
      cwd: process.cwd(),
    });
    expect(models).toEqual([{ id: 'double:echo', reference: 'double:echo', parallelism: 1 }]);
    expect(host.getModel('double:echo')?.supportsCompletion).toBe(true);
  });

  it('fails at start on a missing GGUF file, and on an empty cache', async () => {
    const empty = temporaryDirectory();
    try {
      const options = { env: { TUNEGATE_MODELS_DIR: empty.path }, cwd: empty.path };
      await expect(loadServedModels(['missing.gguf'], options)).rejects.toMatchObject({
        code: 'FILE_NOT_FOUND',
      });
      await expect(loadServedModels(['stories260K'], options)).rejects.toMatchObject({
        code: 'FILE_NOT_FOUND',
        message: expect.stringContaining('tunegate models pull stories260K'),
      });
      await expect(loadServedModels([], options)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    } finally {
      empty.remove();
    }
  });
});
