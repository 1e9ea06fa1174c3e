/** The known name nearest to a misspelt one, for "did you mean" hints. */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	let previous = Array.from({length: y.length + 1}, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const row = [i];
		for (let j = 1; j <= y.length; j++) {
			row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
		}
		previous = row;
	}
	return previous[y.length]!;
}

/** The candidate closest to `name`, if it is close enough to be a likely misspelling (a third of its length, at least 2). */
export function closest(name: string, candidates: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
	for (const candidate of candidates) {
		const d = distance(name, candidate);
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return best;
}
