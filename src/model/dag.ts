/**
 * Step graph helpers shared by check, plan and the runtime registry.
 * Pure functions over step names; no dependency on the toolchain.
 */

export interface StepEdges {
  name: string;
  dependencies: readonly string[];
}

/** Map step → its direct dependencies, ignoring names that are not steps. */
export function dependencyMap(steps: readonly StepEdges[]): Map<string, string[]> {
  const names = new Set(steps.map((s) => s.name));
  const map = new Map<string, string[]>();
  for (const step of steps) {
    if (map.has(step.name)) continue; // duplicate names are reported elsewhere; the first wins
    map.set(step.name, [...new Set(step.dependencies.filter((d) => names.has(d) && d !== step.name))]);
  }
  return map;
}

/**
 * Every ancestor of each step (its dependencies, taken transitively): the
 * steps whose results Tasker hands to that step's handler. Safe on cycles.
 */
export function ancestorMap(steps: readonly StepEdges[]): Map<string, Set<string>> {
  const deps = dependencyMap(steps);
  const memo = new Map<string, Set<string>>();
  const visiting = new Set<string>();
  const visit = (name: string): Set<string> => {
    const known = memo.get(name);
    if (known) return known;
    const out = new Set<string>();
    if (visiting.has(name)) return out;
    visiting.add(name);
    for (const dep of deps.get(name) ?? []) {
      out.add(dep);
      for (const a of visit(dep)) out.add(a);
    }
    visiting.delete(name);
    out.delete(name);
    memo.set(name, out);
    return out;
  };
  for (const name of deps.keys()) visit(name);
  return memo;
}

/** Map step → steps that depend on it directly. */
export function dependentMap(steps: readonly StepEdges[]): Map<string, string[]> {
  const out = new Map<string, string[]>(steps.map((s) => [s.name, []]));
  for (const [name, deps] of dependencyMap(steps)) for (const dep of deps) out.get(dep)?.push(name);
  return out;
}

/**
 * The cycles in the graph, one per strongly connected component with more
 * than one step, each given as a closed walk `a → b → … → a` in declaration order.
 */
export function findCycles(steps: readonly StepEdges[]): string[][] {
  const deps = dependencyMap(steps);
  const order = [...deps.keys()];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;

  // Iterative Tarjan, so a long chain cannot overflow the stack.
  for (const root of order) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = deps.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const next = edges[frame.next++]!;
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) components.push(component);
      }
    }
  }

  const position = new Map(order.map((name, i) => [name, i]));
  return components.map((component) => cycleWalk(component, deps, position)).sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}

/** A closed walk through a strongly connected component, from its first-declared step. */
function cycleWalk(component: string[], deps: Map<string, string[]>, position: Map<string, number>): string[] {
  const members = new Set(component);
  const start = [...component].sort((a, b) => position.get(a)! - position.get(b)!)[0]!;
  // Breadth-first search for the shortest way back to `start`.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const dep of deps.get(node) ?? []) {
      if (!members.has(dep)) continue;
      if (dep === start) {
        const path = [node];
        let cursor = node;
        while (cursor !== start) {
          cursor = previous.get(cursor)!;
          path.push(cursor);
        }
        return [...path.reverse(), start];
      }
      if (!previous.has(dep)) {
        previous.set(dep, node);
        queue.push(dep);
      }
    }
  }
  return [start, start];
}

/** Steps in an order where each comes after its dependencies (declaration order breaks ties); cycles are appended as declared. */
export function topologicalOrder(steps: readonly StepEdges[]): string[] {
  const deps = dependencyMap(steps);
  const done = new Set<string>();
  const out: string[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [name, list] of deps) {
      if (done.has(name) || !list.every((d) => done.has(d))) continue;
      done.add(name);
      out.push(name);
      progressed = true;
    }
  }
  for (const name of deps.keys()) if (!done.has(name)) out.push(name);
  return out;
}
