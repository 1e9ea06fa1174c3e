/**
 * The checkpoint file: where reading resumes, saved only over messages that RocketMQ acked, with all earlier ones.
 * It names a transaction boundary, or the start of a transaction plus how many of its row changes are acked (as
 * Debezium's MySQL offsets carry `event` and `row`): on resume, that transaction is read again and those changes
 * are not sent again, so a crash inside a 100,000-row transaction replays the in-flight window, not the transaction. Written atomically (temp file, fsync, rename), so a crash leaves the old checkpoint or the new
 * one, never a torn file.
 */
import {chmod, open, readFile, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';
import {ConfigError} from '../errors.js';

export const checkpointSchema = z.object({
	file: z.string().min(1),
	/** Where reading resumes: after the last finished transaction, or the start of `transaction`. */
	position: z.number().int().min(4),
	/**
	 * The transaction that starts at file:position when it is partly acked: its id (GTID, or file:position of its
	 * BEGIN) and how many of its first row changes are fully acked. Absent in checkpoints at a boundary, and in files
	 * written before it existed, which still load.
	 */
	transaction: z.object({id: z.string().min(1), rows: z.number().int().min(1)}).optional(),
	/** GTID of the last finished transaction, where the server has GTIDs. */
	gtid: z.string().nullable(),
	/** Seconds since the epoch of the last transaction's commit. */
	commitTime: z.number(),
	savedAt: z.string(),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

/**
 * Writes the checkpoint atomically. When it cannot be written (the path is a directory, the directory is missing or
 * not writable, the disk is full), the temp file is removed and a ConfigError names the path and what to do.
 */
export async function saveCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
	const temp = `${file}.${process.pid}.tmp`;
	try {
		const handle = await open(temp, 'w', 0o600);
		try {
			await handle.writeFile(`${JSON.stringify(checkpoint)}\n`);
			await handle.sync();
		} finally {
			await handle.close();
		}
		// No fsync of the directory: if power fails before the rename reaches the disk, the previous checkpoint is
		// found, which is earlier, so more is sent again and nothing is lost. That fsync cost as much as the file's
		// (0.5 s each under load on the test machine), and every second of checkpoint age is replayed after a crash.
		await rename(temp, file);
	} catch (error) {
		await rm(temp, {force: true}).catch(() => {});
		throw await cannotSave(file, error);
	}
}

/** Why the checkpoint could not be written, and what to do, by the error's code. */
async function cannotSave(file: string, error: unknown): Promise<ConfigError> {
	const code = (error as NodeJS.ErrnoException).code;
	const directory = path.dirname(file);
	const isDirectory = await stat(file).then(
		(info) => info.isDirectory(),
		() => false,
	);
	const [why, hint] = isDirectory
		? ['it is a directory', `move that directory away: the checkpoint is a file at this path`]
		: code === 'ENOENT' || code === 'ENOTDIR'
			? [`the directory ${directory} does not exist`, `create ${directory}, or point obsync at a directory that exists`]
			: code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
				? [`${directory} is not writable (${code})`, `make ${directory} writable by the user obsync runs as`]
				: code === 'ENOSPC' || code === 'EDQUOT'
					? [
							`the disk holding ${directory} is full (${code})`,
							'free some space there, then run again with --resume: it goes on from the last saved checkpoint',
						]
					: [`${code ?? (error as Error).message}`, `check that ${directory} is a writable directory on a working disk`];
	return new ConfigError(`cannot save the checkpoint to ${file}: ${why}`, {cause: error, hint});
}

/** The saved checkpoint, or null when there is none yet; a damaged file is an error, never silently ignored. */
export async function loadCheckpoint(file: string): Promise<Checkpoint | null> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return null;
		const [why, hint] =
			code === 'EISDIR'
				? ['it is a directory', 'move that directory away: the checkpoint is a file at this path']
				: code === 'EACCES' || code === 'EPERM'
					? [`it is not readable (${code})`, 'make it readable by the user obsync runs as']
					: [`${code ?? (error as Error).message}`, 'check the file and the disk it is on'];
		throw new ConfigError(`cannot read the checkpoint ${file}: ${why}`, {cause: error, hint});
	}
	const parsed = checkpointSchema.safeParse(safeJson(text));
	if (!parsed.success) {
		throw new ConfigError(`the checkpoint file ${file} is damaged: ${z.prettifyError(parsed.error)}`, {
			hint: 'restore it from a backup, or start again from a timestamp (without --resume)',
		});
	}
	return parsed.data;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * A checkpoint others may write to lets them choose where the next --resume reads from (skipping changes, or sending
 * them again): set it to 0600 (as obsync writes it) and say what was found. Undefined when it was fine or is missing.
 */
export async function tightenCheckpointMode(file: string): Promise<string | undefined> {
	const mode = (await stat(file).catch(() => undefined))?.mode;
	if (mode === undefined || (mode & 0o077) === 0) return undefined;
	await chmod(file, 0o600);
	return `the checkpoint ${file} was open to other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); obsync set it to 0600`;
}
