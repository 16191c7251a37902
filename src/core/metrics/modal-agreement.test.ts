import { describe, expect, it } from 'vitest';
import { modalAgreement } from './modal-agreement.js';

describe('modalAgreement', () => {
  it('is the share of the most common normalised output', () => {
    // "Paris", " paris" and "PARIS\n" normalise to "paris": 3 of 4.
    expect(modalAgreement(['Paris', ' paris', 'PARIS\n', 'Lyon'])).toBe(0.75);
  });

  it('is 1/r when every output differs and 1 when all agree', () => {
    expect(modalAgreement(['a', 'b', 'c'])).toBeCloseTo(1 / 3, 15);
    expect(modalAgreement(['same', 'same'])).toBe(1);
  });

  it('is 1 for a single output and undefined for none', () => {
    expect(modalAgreement(['only'])).toBe(1);
    expect(modalAgreement([])).toBeUndefined();
  });

  it('compares JSON outputs by value when asked', () => {
    // The first two are the same object with keys in another order: 2 of 3.
    const outputs = ['{"a":1,"b":2}', '{ "b": 2, "a": 1 }', '{"a":1}'];
    expect(modalAgreement(outputs, { json: true })).toBeCloseTo(2 / 3, 15);
    expect(modalAgreement(outputs)).toBeCloseTo(1 / 3, 15);
  });

  it('works on non-Latin text', () => {
    expect(modalAgreement(['東京', ' 東京 ', '大阪', 'Москва', 'МОСКВА'])).toBe(0.4);
  });
});
