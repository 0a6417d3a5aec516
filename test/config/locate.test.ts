import { describe, expect, it } from 'vitest';
import { locateKey } from '../../src/config/locate.js';

const TEXT = `# comment
[cli]
templates = "not ours"

[codegen]
templates = ["a", "b"]
  out = "gen"
"quoted.key" = 1

[codegen.severities]
"unknown-key" = "off"
orphan-step = "warning"

[[codegen.overrides]]
paths = ["x/**"]
severities = { "unknown-key" = "error", 'orphan-step' = "off" }

[[codegen.overrides]]
paths = ["y/**"]
severities = { missing-result-schema = "nope" }
multi = """
[codegen]
out = 1
"""
after = 2
`;

describe('locateKey', () => {
  it.each([
    [['codegen'], 5, 1],
    [['codegen', 'templates'], 6, 1],
    [['codegen', 'out'], 7, 3],
    [['codegen', 'quoted.key'], 8, 1],
    [['codegen', 'severities'], 10, 1],
    [['codegen', 'severities', 'unknown-key'], 11, 1],
    [['codegen', 'severities', 'orphan-step'], 12, 1],
    [['codegen', 'overrides', 0], 14, 1],
    [['codegen', 'overrides', 0, 'paths'], 15, 1],
    [['codegen', 'overrides', 0, 'severities'], 16, 1],
    [['codegen', 'overrides', 0, 'severities', 'unknown-key'], 16, 16],
    [['codegen', 'overrides', 0, 'severities', 'orphan-step'], 16, 41],
    [['codegen', 'overrides', 1, 'severities', 'missing-result-schema'], 20, 16],
    [['codegen', 'overrides', 1, 'after'], 25, 1],
    [['cli', 'templates'], 3, 1],
  ] as const)('%j is at %i:%i', (path, line, column) => {
    expect(locateKey(TEXT, path)).toEqual({ line, column });
  });

  it('falls back to the closest enclosing key, then to line 1', () => {
    expect(locateKey(TEXT, ['codegen', 'severities', 'absent'])).toEqual({ line: 10, column: 1 });
    expect(locateKey(TEXT, ['nowhere'])).toEqual({ line: 1, column: 1 });
  });

  it('follows dotted keys at the root', () => {
    expect(locateKey('x = 1\ncodegen.out = "a"\n', ['codegen', 'out'])).toEqual({ line: 2, column: 1 });
  });

  it('does not read keys inside multi-line strings', () => {
    expect(locateKey(TEXT, ['codegen', 'out'])).toEqual({ line: 7, column: 3 });
  });
});
