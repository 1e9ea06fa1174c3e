/** A sparkline of the last values, one block character per value, scaled to the largest (or to `max`). */
const blocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function sparkline(values: readonly number[], width: number, max?: number): string {
	const shown = values.slice(-width);
	const top = max ?? Math.max(0, ...shown);
	if (shown.length === 0) return '';
	return shown
		.map((value) => {
			if (!(top > 0) || !(value > 0)) return blocks[0]!;
			const level = Math.min(blocks.length - 1, Math.floor((value / top) * (blocks.length - 1) + 0.5));
			return blocks[Math.max(0, level)]!;
		})
		.join('');
}
