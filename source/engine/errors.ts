/**
 * obsync's error vocabulary. Every error the engine raises is one of these, so that callers can tell who has to
 * act: the user (ConfigError), nobody yet (ConnectionError: retry), or a bug/corruption (DecodeError).
 */

/** Base class: a message for people, and an optional hint saying what to do about it. */
export class CdcError extends Error {
	override readonly name: string = 'CdcError';
	/** What the user can do about it, when there is something to do. */
	readonly hint: string | undefined;

	constructor(message: string, options: {cause?: unknown; hint?: string} = {}) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.hint = options.hint;
	}
}

/** Bad input or configuration: the user must change something. Not retried. */
export class ConfigError extends CdcError {
	override readonly name = 'ConfigError';
}

/** A connection failed or dropped: retried with backoff. */
export class ConnectionError extends CdcError {
	override readonly name = 'ConnectionError';
}

/** Where in a binlog a decode error happened. */
export type BinlogLocation = {
	readonly file?: string | undefined;
	/** Start offset of the event in the file. */
	readonly pos?: number | undefined;
	readonly eventType?: number | undefined;
};

/** A binlog event could not be decoded: corrupt, truncated, or checksum mismatch. Never skipped silently. */
export class DecodeError extends CdcError {
	override readonly name = 'DecodeError';
	readonly location: BinlogLocation;

	constructor(message: string, location: BinlogLocation = {}, options: {cause?: unknown; hint?: string} = {}) {
		super(`${message}${describeLocation(location)}`, options);
		this.location = location;
	}
}

/** RocketMQ refused a message in a way a retry cannot fix (missing or non-FIFO topic, auth, size). */
export class SinkError extends CdcError {
	override readonly name = 'SinkError';
}

/** The stream holds something obsync does not handle (a feature that is switched on at the source). */
export class UnsupportedError extends CdcError {
	override readonly name = 'UnsupportedError';
}

function describeLocation({file, pos, eventType}: BinlogLocation): string {
	const parts = [file === undefined ? undefined : `file ${file}`, pos === undefined ? undefined : `position ${pos}`];
	if (eventType !== undefined) parts.push(`event type ${eventType}`);
	const text = parts.filter(Boolean).join(', ');
	return text ? ` (at ${text})` : '';
}
