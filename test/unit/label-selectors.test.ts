import { describe, it, expect } from 'vitest';
import {
  parseLabelSelector, labelSelectorFromObject, matches, selectorToString, isEverything, SelectorError,
} from '../../src/apiserver/selectors/labels.js';

const msg = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorError);
    return (e as Error).message;
  }
  throw new Error('expected a SelectorError');
};

describe('parseLabelSelector', () => {
  it('parses equality, set and existence requirements and sorts them by key', () => {
    const s = parseLabelSelector('tier!=db, app in (web,api),!legacy,env==prod,x,z notin (a)');
    expect(selectorToString(s)).toBe('app in (api,web),env==prod,!legacy,tier!=db,x,z notin (a)');
  });
  it('treats the empty string as everything', () => {
    expect(isEverything(parseLabelSelector(''))).toBe(true);
    expect(matches(parseLabelSelector(''), {})).toBe(true);
  });
  it('accepts empty values: "a=", "a in ()" and "x in (a,,b)"', () => {
    expect(parseLabelSelector('a=').requirements[0].values).toEqual(['']);
    expect(parseLabelSelector('a in ()').requirements[0].values).toEqual(['']);
    expect(parseLabelSelector('x in (a,,b)').requirements[0].values).toEqual(['', 'a', 'b']);
  });
  it('parses > and <', () => {
    const s = parseLabelSelector('n>3,m<10');
    expect(matches(s, { n: '4', m: '9' })).toBe(true);
    expect(matches(s, { n: '3', m: '9' })).toBe(false);
  });
  it('reports an invalid value with upstream wording', () => {
    expect(msg(() => parseLabelSelector('environment=_bad'))).toBe(
      `unable to parse requirement: values[0][environment]: Invalid value: "_bad": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });
  it('reports an invalid key with the <nil> path upstream prints', () => {
    expect(msg(() => parseLabelSelector('-bad=x'))).toMatch(/^unable to parse requirement: <nil>: Invalid value: "-bad": name part must consist of/);
  });
  it('reports syntax errors with upstream wording', () => {
    expect(msg(() => parseLabelSelector('a=b,'))).toBe("found '', expected: identifier after ','");
    expect(msg(() => parseLabelSelector('a b'))).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(msg(() => parseLabelSelector('a in b'))).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(msg(() => parseLabelSelector('a in (b'))).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(msg(() => parseLabelSelector('(a'))).toBe("found '(', expected: !, identifier, or 'end of string'");
    expect(msg(() => parseLabelSelector('!a=b'))).toBe("found '=', expected: ',' or 'end of string'");
  });
});

describe('matches', () => {
  const labels = { app: 'web', tier: 'fe' };
  it('evaluates each operator like upstream', () => {
    expect(matches(parseLabelSelector('app=web'), labels)).toBe(true);
    expect(matches(parseLabelSelector('app!=web'), labels)).toBe(false);
    expect(matches(parseLabelSelector('missing!=x'), labels)).toBe(true);
    expect(matches(parseLabelSelector('missing notin (x)'), labels)).toBe(true);
    expect(matches(parseLabelSelector('app in (api)'), labels)).toBe(false);
    expect(matches(parseLabelSelector('tier'), labels)).toBe(true);
    expect(matches(parseLabelSelector('!tier'), labels)).toBe(false);
    expect(matches(parseLabelSelector('app=web,tier=be'), labels)).toBe(false);
  });
});

describe('labelSelectorFromObject', () => {
  it('converts matchLabels and matchExpressions', () => {
    const s = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'legacy', operator: 'DoesNotExist' }],
    });
    expect(selectorToString(s)).toBe('app=web,!legacy,tier in (be,fe)');
    expect(matches(s, { app: 'web', tier: 'fe' })).toBe(true);
    expect(matches(s, { app: 'web', tier: 'fe', legacy: 'y' })).toBe(false);
  });
  it('null selects nothing, {} selects everything', () => {
    expect(matches(labelSelectorFromObject(null), { a: 'b' })).toBe(false);
    expect(matches(labelSelectorFromObject({}), { a: 'b' })).toBe(true);
  });
  it('rejects an unknown operator and empty In values with upstream wording', () => {
    expect(msg(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }))).toBe('"Foo" is not a valid label selector operator');
    expect(msg(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }))).toBe(
      "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    );
  });
});
