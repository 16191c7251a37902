import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import { compileTemplate, fillTemplate, templateVariables } from './fill-template.js';

describe('fillTemplate', () => {
  it('fills slots with and without inner spaces', () => {
    expect(fillTemplate('Hi {{name}}, bye {{ name }}!', { name: 'Ada' })).toBe('Hi Ada, bye Ada!');
  });

  it('follows dotted paths, including array indexes', () => {
    const variables = { user: { address: { city: 'Zürich' }, tags: ['a', 'b'] } };
    expect(fillTemplate('{{user.address.city}}/{{user.tags.1}}', variables)).toBe('Zürich/b');
  });

  it('prefers a flat key containing a dot over the path', () => {
    expect(fillTemplate('{{a.b}}', { 'a.b': 'flat', a: { b: 'nested' } })).toBe('flat');
  });

  it('JSON-stringifies non-string values', () => {
    const variables = { n: 3, yes: true, none: null, list: [1, 'x'], object: { a: 1 } };
    expect(fillTemplate('{{n}} {{yes}} {{none}} {{list}} {{object}}', variables)).toBe(
      '3 true null [1,"x"] {"a":1}',
    );
  });

  it('keeps an empty string value and leaves non-slot braces alone', () => {
    expect(fillTemplate('[{{empty}}] { x } {{}} {{ two words }}', { empty: '' })).toBe(
      '[] { x } {{}} {{ two words }}',
    );
  });

  it('throws INVALID_TASK naming a missing variable', () => {
    const attempt = () => fillTemplate('Hello {{ who }}', { name: 'Ada' });
    expect(attempt).toThrow(TunegateError);
    expect(attempt).toThrow(/"who"/);
    try {
      attempt();
    } catch (error) {
      expect((error as TunegateError).code).toBe('INVALID_TASK');
    }
  });

  it('throws for a missing step of a dotted path', () => {
    expect(() => fillTemplate('{{a.b.c}}', { a: { b: 'text' } })).toThrow(/"a\.b\.c"/);
  });

  it('does not read inherited properties', () => {
    expect(() => fillTemplate('{{constructor}}', {})).toThrow(/"constructor"/);
  });
});

describe('compileTemplate', () => {
  it('renders the same template many times with different variables', () => {
    const render = compileTemplate('{{a}}+{{b}}={{c}}');
    expect(render({ a: 1, b: 2, c: 3 })).toBe('1+2=3');
    expect(render({ a: 'x', b: 'y', c: 'xy' })).toBe('x+y=xy');
  });

  it('renders a template without slots unchanged', () => {
    expect(compileTemplate('plain text')({})).toBe('plain text');
    expect(compileTemplate('')({})).toBe('');
  });
});

describe('templateVariables', () => {
  it('lists distinct names in order of first appearance', () => {
    expect(templateVariables('{{b}} {{ a.c }} {{b}} {{x}}')).toEqual(['b', 'a.c', 'x']);
    expect(templateVariables('no slots')).toEqual([]);
  });
});
