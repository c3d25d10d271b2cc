/**
 * Which scorers the runs list gives a column of their own. Runs on one page
 * may use different scorers; a column per scorer name lets a reader scan one
 * scorer down the list (Braintrust and LangSmith lay out experiments the same
 * way). The names most runs on the page share come first (ties: the order they
 * first appear in, i.e. the newest run's order), at most `max` of them; the
 * rest are named in each row's hover text.
 */
export function scorerColumns(runs: readonly { scores: readonly { name: string }[] }[], max: number): string[] {
  const count = new Map<string, number>();
  for (const run of runs) for (const score of run.scores) count.set(score.name, (count.get(score.name) ?? 0) + 1);
  // Map keeps insertion order, and sort is stable: equal counts keep their first-seen order.
  return [...count.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([name]) => name);
}
