/**
 * Which queue a FIFO message group goes to. The same function the RocketMQ 5.x proxy applies to a single FIFO message
 * (proxy SendMessageQueueSelector): Guava's `Hashing.consistentHash(group.hashCode(), n)` over the topic's writable
 * queues, where `hashCode` is Java's `String.hashCode`. So a project switched between the gRPC and the remoting
 * transport keeps every group on its queue. test/engine/remoting/queue-selection.test.ts pins it against answers
 * computed by the Java code itself.
 */

/** Java's String.hashCode: s[0]·31^(n−1) + … + s[n−1] over UTF-16 code units, in 32-bit two's complement. */
export function javaStringHash(text: string): number {
	let hash = 0;
	for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
	return hash;
}

const mask64 = (1n << 64n) - 1n;
const multiplier = 2862933555777941757n;
const two31 = 2 ** 31;

/**
 * Guava's Hashing.consistentHash(long, buckets): a linear congruential generator jumps from bucket to bucket until it
 * leaves the range (Lamping and Veach's jump hash, as Guava writes it). `input` is the int hash widened to a long, as
 * Java does when an int is passed.
 */
export function consistentHash(input: number, buckets: number): number {
	if (!Number.isInteger(buckets) || buckets <= 0) throw new RangeError(`buckets must be positive: ${buckets}`);
	let state = BigInt.asUintN(64, BigInt(input));
	let candidate = 0;
	for (;;) {
		state = (multiplier * state + 1n) & mask64;
		// (int) (state >>> 33) is below 2^31, so it stays positive.
		const nextDouble = (Number(state >> 33n) + 1) / two31;
		const next = Math.trunc((candidate + 1) / nextDouble);
		if (next >= 0 && next < buckets) candidate = next;
		else return candidate;
	}
}

/** The index, among `queueCount` writable queues, of the queue that a message group maps to. */
export function queueIndexForGroup(group: string, queueCount: number): number {
	return consistentHash(javaStringHash(group), queueCount);
}
