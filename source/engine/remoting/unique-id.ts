/**
 * Message ids in the Java client's format (apache/rocketmq common/.../message/MessageClientIDSetter.java), so tools
 * that read them (mqadmin queryMsgById, RocketMQ Dashboard) treat obsync's messages like any Java producer's:
 * 16 bytes as 32 upper-case hex digits,
 *
 *     IPv4 address (4) | process id (2) | a per-process random (4) | ms since the start of the month (4) | counter (2)
 *
 * The event id (deterministic, the same after a replay) travels separately, as a key and a property.
 */
import {randomBytes} from 'node:crypto';
import os from 'node:os';

function localIPv4(): Buffer {
	for (const addresses of Object.values(os.networkInterfaces())) {
		for (const address of addresses ?? []) {
			if (address.family === 'IPv4' && !address.internal) return Buffer.from(address.address.split('.').map(Number));
		}
	}
	return Buffer.from([127, 0, 0, 1]);
}

export class UniqueIdGenerator {
	readonly #prefix: string;
	#counter = 0;
	#monthStart = 0;
	#nextMonth = 0;

	constructor(ip: Buffer = localIPv4(), pid = process.pid) {
		const fixed = Buffer.alloc(10);
		ip.copy(fixed, 0, 0, 4);
		fixed.writeUInt16BE(pid & 0xffff, 4);
		randomBytes(4).copy(fixed, 6);
		this.#prefix = fixed.toString('hex').toUpperCase();
	}

	next(now = Date.now()): string {
		if (now >= this.#nextMonth) this.#setMonth(now);
		const elapsed = (now - this.#monthStart) >>> 0;
		this.#counter = (this.#counter + 1) & 0xffff;
		return this.#prefix + hex(elapsed, 8) + hex(this.#counter, 4);
	}

	#setMonth(now: number): void {
		const date = new Date(now);
		this.#monthStart = new Date(date.getFullYear(), date.getMonth(), 1).getTime();
		this.#nextMonth = new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime();
	}
}

const hex = (value: number, digits: number) => value.toString(16).toUpperCase().padStart(digits, '0');
