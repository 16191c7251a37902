import { randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` random letters and digits (rejection sampling keeps every character equally likely). */
export function randomToken(length: number, characters: string = alphabet): string {
  let token = '';
  const limit = 256 - (256 % characters.length);
  while (token.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      token += characters[byte % characters.length];
      if (token.length === length) break;
    }
  }
  return token;
}

/** Ids in OpenAI's shapes: `file-…`, `ftjob-…`, `ftevent-…`, `ftckpt_…`. */
export const newId = {
  file: () => `file-${randomToken(24)}`,
  job: () => `ftjob-${randomToken(24)}`,
  event: () => `ftevent-${randomToken(24)}`,
  checkpoint: () => `ftckpt_${randomToken(24)}`,
};

/**
 * The fine-tuned model's name, `ft:BASE:SUFFIX:ID` (`ft:BASE::ID` without a suffix), with an
 * 8-character lowercase id as OpenAI's names have.
 */
export function fineTunedModelName(base: string, suffix: string | null): string {
  return `ft:${base}:${suffix ?? ''}:${randomToken(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
}

/** A checkpoint's servable name: the model's name plus `:ckpt-step-N`. */
export function checkpointModelName(modelName: string, step: number): string {
  return `${modelName}:ckpt-step-${step}`;
}
