/** Unit tests of the step-graph helpers (src/shared/dag.ts) shared by check, plan and the runtime. */
import { describe, expect, it } from 'vitest';
import { ancestorMap, dependencyMap, dependentMap, findCycles, topologicalOrder } from '../../src/model/dag.js';

const steps = (spec: Record<string, string[]>) => Object.entries(spec).map(([name, dependencies]) => ({ name, dependencies }));
const sorted = (map: Map<string, Iterable<string>>) => Object.fromEntries([...map].map(([k, v]) => [k, [...v].sort()]));

describe('step graph helpers', () => {
  const diamond = steps({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });

  it('dependencyMap drops unknown steps, self-references and repeats; the first of two same-named steps wins', () => {
    expect(sorted(dependencyMap(steps({ a: ['nope', 'a'], b: ['a', 'a'] })))).toEqual({ a: [], b: ['a'] });
    expect(sorted(dependencyMap([...steps({ a: [] }), { name: 'a', dependencies: ['b'] }, ...steps({ b: [] })]))).toEqual({ a: [], b: [] });
  });

  it('ancestorMap is transitive, and terminates on cycles', () => {
    expect(sorted(ancestorMap(diamond))).toEqual({ a: [], b: ['a'], c: ['a'], d: ['a', 'b', 'c'] });
    const cyclic = ancestorMap(steps({ x: ['y'], y: ['x'], z: ['y'] }));
    expect([...cyclic.get('z')!].sort()).toEqual(['x', 'y']);
  });

  it('dependentMap inverts the edges', () => {
    expect(sorted(dependentMap(diamond))).toEqual({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] });
  });

  it('findCycles returns each strongly connected component once, as a closed walk in declaration order', () => {
    expect(findCycles(diamond)).toEqual([]);
    const cycles = findCycles(steps({ a: ['c'], b: ['a'], c: ['b'], d: ['d'], e: [] }));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]![0]).toBe(cycles[0]![cycles[0]!.length - 1]);
    expect(new Set(cycles[0])).toEqual(new Set(['a', 'b', 'c']));
  });

  it('topologicalOrder puts dependencies first, keeps declaration order for ties, and appends cycles', () => {
    expect(topologicalOrder(steps({ d: ['b', 'c'], c: ['a'], b: ['a'], a: [] }))).toEqual(['a', 'c', 'b', 'd']);
    expect(topologicalOrder(steps({ x: ['y'], y: ['x'], z: [] }))).toEqual(['z', 'x', 'y']);
  });

  it('handles a long chain without deep recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ name: `s${i}`, dependencies: i === 0 ? [] : [`s${i - 1}`] }));
    expect(topologicalOrder(chain).at(-1)).toBe('s19999');
    expect(findCycles(chain)).toEqual([]);
  });
});
