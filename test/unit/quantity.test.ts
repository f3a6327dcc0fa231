import { describe, it, expect } from 'vitest';
import {
  parseQuantity, quantityToString, canonicalQuantity, isValidQuantity, compareQuantities, addQuantities,
  subtractQuantities, quantityValue, quantityMilliValue, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR,
} from '../../src/apiserver/quantity.js';

describe('quantity canonical form', () => {
  const cases: [string, string][] = [
    ['100m', '100m'], ['0.5', '500m'], ['1000', '1k'], ['1500', '1500'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'],
    ['1000Mi', '1000Mi'], ['1536Mi', '1536Mi'], ['0.5Gi', '512Mi'], ['1.5Ki', '1536'], ['100Ki', '100Ki'],
    ['128974848', '128974848'], ['129M', '129M'], ['1e3', '1e3'], ['1e2', '100'], ['1.5e3', '1500'], ['12e6', '12e6'],
    ['0', '0'], ['00', '0'], ['0.0000000001', '1n'], ['1.0', '1'], ['100.0m', '100m'], ['-100m', '-100m'],
    ['+1Ki', '+1Ki'], ['2048Ki', '2Mi'], ['1k', '1k'], ['1000m', '1'], ['0.1', '100m'], ['1E', '1E'], ['.5', '500m'],
  ];
  for (const [input, out] of cases) {
    it(`${input} → ${out}`, () => expect(canonicalQuantity(input)).toBe(out));
  }
});

describe('quantity parsing errors', () => {
  it('rejects bad formats with the upstream regular-expression message', () => {
    expect(isValidQuantity('abc')).toBe(QUANTITY_FORMAT_ERROR);
    expect(isValidQuantity('')).toBe(QUANTITY_FORMAT_ERROR);
    expect(isValidQuantity('1 Gi')).toBe(QUANTITY_FORMAT_ERROR);
    expect(QUANTITY_FORMAT_ERROR).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
  it('rejects unknown suffixes', () => {
    expect(isValidQuantity('1Qi')).toBe(QUANTITY_FORMAT_ERROR);
    expect(isValidQuantity('1iK')).toBe(QUANTITY_SUFFIX_ERROR);
    expect(isValidQuantity('1KK')).toBe(QUANTITY_SUFFIX_ERROR);
  });
  it('accepts valid ones', () => {
    expect(isValidQuantity('250m')).toBeUndefined();
    expect(isValidQuantity(2)).toBeUndefined();
  });
});

describe('quantity arithmetic', () => {
  it('compares exactly across formats', () => {
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1073741824'))).toBe(0);
    expect(compareQuantities(parseQuantity('100m'), parseQuantity('0.1'))).toBe(0);
    expect(compareQuantities(parseQuantity('999m'), parseQuantity('1'))).toBe(-1);
    expect(compareQuantities(parseQuantity('1G'), parseQuantity('1Gi'))).toBe(-1);
  });
  it('adds and subtracts exactly, keeping the left format unless it is zero', () => {
    expect(quantityToString(addQuantities(parseQuantity('100m'), parseQuantity('200m')))).toBe('300m');
    expect(quantityToString(addQuantities(parseQuantity('1Gi'), parseQuantity('1Gi')))).toBe('2Gi');
    expect(quantityToString(addQuantities(parseQuantity('0'), parseQuantity('1Mi')))).toBe('1Mi');
    expect(quantityToString(subtractQuantities(parseQuantity('1'), parseQuantity('250m')))).toBe('750m');
  });
  it('rounds Value and MilliValue up', () => {
    expect(quantityValue(parseQuantity('100m'))).toBe(1n);
    expect(quantityMilliValue(parseQuantity('1.0001'))).toBe(1001n);
    expect(quantityValue(parseQuantity('2Ki'))).toBe(2048n);
  });
});
