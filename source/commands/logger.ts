/**
 * The log of a headless run: pino, as JSON lines, to a file (--log-file) or stderr. Secrets are redacted by key
 * wherever they appear in a logged object, and the engine scrubs them out of error texts before logging.
 */
import pino from 'pino';

export type LogOptions = {readonly file?: string | undefined; readonly level?: string | undefined};

const secretKeys = ['password', 'secretKey', 'accessSecret'];

/** The levels `--log-level` takes (README: obsync run). */
export const LOG_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error'];

export function createLogger(options: LogOptions = {}): pino.Logger {
	const destination = options.file
		? pino.destination({dest: options.file, mkdir: true, sync: true})
		: pino.destination({fd: 2, sync: true});
	return pino(
		{
			level: options.level ?? 'info',
			redact: {paths: secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]), censor: '******'},
			base: {pid: process.pid},
			timestamp: pino.stdTimeFunctions.isoTime,
		},
		destination,
	);
}
