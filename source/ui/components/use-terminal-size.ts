import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/** The terminal's columns and rows, updated on resize (80x24 when the output is not a terminal). */
export function useTerminalSize(): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => ({columns: stdout.columns || 80, rows: stdout.rows || 24}));
	useEffect(() => {
		const onResize = () => setSize({columns: stdout.columns || 80, rows: stdout.rows || 24});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
