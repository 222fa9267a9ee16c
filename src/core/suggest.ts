/** "did you mean …" for unknown keys. */

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** Closest known key: a typo (edit distance ≤ 2), a long shared prefix (`process_count_per_node`) or a truncation (`max`). */
export function suggest(key: string, known: string[]): string | undefined {
  if (key.length > 64) return undefined; // keep hostile keys cheap
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    let prefix = 0;
    while (prefix < key.length && prefix < k.length && key[prefix] === k[prefix]) prefix++;
    const close = d <= 2 || (prefix >= 6 && prefix * 2 >= Math.min(key.length, k.length)) || (key.length >= 3 && k.startsWith(key));
    if (close && d < bestScore) [best, bestScore] = [k, d];
  }
  return best;
}
