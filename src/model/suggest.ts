/**
 * "Did you mean …?" for keys, step names and callables, shared by check rules
 * and the runtime registry. No dependencies, so the runtime stays light.
 */

/** Edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** The last segment of a callable: `Ecommerce::StepHandlers::ValidateCart` → `validatecart`. */
function lastSegment(name: string): string {
  const parts = name.split(/::|[./#:]/).filter((p) => p !== '');
  return (parts[parts.length - 1] ?? name).toLowerCase();
}

/**
 * Up to `limit` candidates close to `target`, closest first: a small edit
 * distance (case-insensitive), or the same last segment under another
 * namespace. Exact matches are excluded.
 */
export function closestNames(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = target.toLowerCase();
  const wantedLast = lastSegment(target);
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === target) continue;
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    // The budget follows the last segment, so a shared namespace prefix does not make everything "close".
    const budget = Math.max(2, Math.floor(wantedLast.length * 0.34));
    let score = distance <= budget ? distance : Infinity;
    const last = lastSegment(name);
    if (wantedLast.length >= 3 && last === wantedLast) score = Math.min(score, 1);
    else if (wantedLast.length >= 4) {
      const lastDistance = editDistance(wantedLast, last);
      if (lastDistance <= Math.max(1, Math.floor(wantedLast.length * 0.25))) score = Math.min(score, lastDistance + 1.5);
    }
    if (score !== Infinity) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}

/** `a`, `a or b`, `a, b or c`, each quoted. */
export function quoteList(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** `did you mean \`x\`?` or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const [best] = closestNames(word, candidates, 1);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}
