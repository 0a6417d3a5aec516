/** Parameter parsing and validation: missing, unknown and bad values get one clear line listing the valid parameters. */
import { describe, expect, it } from 'vitest';
import { discoverTemplates, findTemplate, parseParamArgs, resolveParameters, ScaffoldError } from '../../src/scaffold/index.js';
import { tempProject } from '../helpers.js';
import { writePlugin } from './plugin-fixtures.js';

const catalog = discoverTemplates();
const stepHandler = findTemplate(catalog, 'step_handler');

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScaffoldError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ScaffoldError');
}

describe('parseParamArgs', () => {
  it('splits at the first =', () => {
    expect(parseParamArgs(['name=A', 'expr=a=b', 'empty='])).toEqual({ name: 'A', expr: 'a=b', empty: '' });
  });

  it('rejects malformed and repeated parameters', () => {
    expect(problem(() => parseParamArgs(['name']))).toBe('--param "name" is not of the form key=value (e.g. --param name=ProcessPayment)');
    expect(problem(() => parseParamArgs(['=x']))).toBe('--param "=x" has no name before "="');
    expect(problem(() => parseParamArgs(['name=A', 'name=B']))).toBe('--param name is given twice');
  });

  it('is not fooled by prototype keys', () => {
    expect(Object.keys(parseParamArgs(['constructor=x', '__proto__=y']))).toEqual(['constructor', '__proto__']);
  });
});

describe('resolveParameters', () => {
  it('fills defaults in order, so a default can read an earlier parameter', () => {
    expect(resolveParameters(stepHandler, { name: 'process_payment' })).toEqual({
      name: 'process_payment',
      callable: 'ProcessPaymentHandler',
      input: '',
      depends_on: '',
      runtime: 'tasker-ctl/runtime',
    });
    expect(resolveParameters(stepHandler, { name: 'x', callable: 'Shop::Payments::Charge' }).callable).toBe('Shop::Payments::Charge');
  });

  it('reports a missing required parameter and lists the valid ones', () => {
    expect(problem(() => resolveParameters(stepHandler, {}))).toBe(
      'template "step_handler": missing required parameter "name" (Handler name without a Handler suffix, e.g. ProcessPayment or process_payment); valid parameters: ' +
        'name (required), callable (default: "{{ name | pascal_case }}Handler"), input, depends_on, runtime (default: "tasker-ctl/runtime")',
    );
  });

  it('reports an unknown parameter with a suggestion', () => {
    expect(problem(() => resolveParameters(stepHandler, { name: 'A', nmae: 'B' }))).toMatch(
      /^template "step_handler": unknown parameter "nmae" \(did you mean "name"\?\); valid parameters: name \(required\)/,
    );
  });

  it('reports values that do not match the pattern', () => {
    expect(problem(() => resolveParameters(stepHandler, { name: '9lives' }))).toMatch(
      /^template "step_handler": parameter "name" is "9lives", which does not match \[A-Za-z\]\[A-Za-z0-9_-\]\* \(Handler name without a Handler suffix, e\.g\. ProcessPayment or process_payment\); the default of "callable" \("9livesHandler"\) is "9livesHandler", which does not match/,
    );
    expect(problem(() => resolveParameters(stepHandler, { name: 'A', callable: 'a b' }))).toMatch(
      /parameter "callable" is "a b", which does not match/,
    );
    expect(problem(() => resolveParameters(stepHandler, { name: '../../etc' }))).toMatch(
      /parameter "name" is "\.\.\/\.\.\/etc", which does not match/,
    );
  });

  it('rejects line breaks, control characters and padding in any value', () => {
    expect(problem(() => resolveParameters(stepHandler, { name: 'A\nB' }))).toMatch(
      /parameter "name" contains a line break or another control character/,
    );
    expect(problem(() => resolveParameters(stepHandler, { name: 'A\u0000' }))).toMatch(/control character/);
    expect(problem(() => resolveParameters(stepHandler, { name: 'A\u2028' }))).toMatch(/control character/);
    expect(problem(() => resolveParameters(stepHandler, { name: ' A' }))).toMatch(/" A" has leading or trailing spaces/);
  });

  it('rejects an empty value for a required parameter, accepts it for an optional one', () => {
    expect(problem(() => resolveParameters(stepHandler, { name: '' }))).toMatch(/parameter "name" must not be empty/);
    expect(problem(() => resolveParameters(stepHandler, { name: 'A', runtime: '' }))).toMatch(/parameter "runtime" must not be empty/);
    expect(resolveParameters(stepHandler, { name: 'A', input: '' }).input).toBe('');
  });

  it('reports every problem at once', () => {
    const message = problem(() => resolveParameters(stepHandler, { bogus: '1', input: 'a-b' }));
    expect(message).toContain('unknown parameter "bogus"');
    expect(message).toContain('missing required parameter "name"');
    expect(message).toContain('parameter "input" is "a-b", which does not match');
  });

  it('checks choices', () => {
    const { dir, cleanup } = tempProject();
    try {
      writePlugin(dir, 'p', {
        name: 'choices',
        templates: {
          pick: {
            'template.toml':
              'name = "pick"\ndescription = "d"\n[[parameters]]\nname = "style"\ndescription = "s"\ndefault = "a"\nchoices = ["a", "b"]\n' +
              '[[outputs]]\ntemplate = "o.ejs"\nfilename = "{{ style }}.txt"\n',
            'o.ejs': '<%= style %>\n',
          },
        },
      });
      const template = findTemplate(discoverTemplates({ pluginPaths: [dir], builtins: false }), 'pick');
      expect(resolveParameters(template, {}).style).toBe('a');
      expect(problem(() => resolveParameters(template, { style: 'c' }))).toBe(
        'template "pick": parameter "style" is "c"; expected one of a, b; valid parameters: style (default: "a"; one of: a | b)',
      );
    } finally {
      cleanup();
    }
  });
});
