/** "Did you mean" suggestions, shared by check rules and the runtime registry. */
import { distance } from 'fastest-levenshtein';

/** Candidates close to `word`, closest first (at most `limit`). */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const budget = Math.max(2, Math.floor(word.length / 3));
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const score = distance(lower, candidate.toLowerCase());
    const contains = lower.length >= 4 && candidate.length >= 4 && (candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()));
    if (score <= budget || contains) {
      scored.push({ candidate, score });
    }
  }
  scored.sort((a, b) => a.score - b.score || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** `did you mean \`x\`?` or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const [best] = closestMatches(word, candidates, 1);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}
