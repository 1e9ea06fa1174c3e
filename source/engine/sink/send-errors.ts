/**
 * Which RocketMQ send failures are worth retrying. Retried: timeouts, connection errors, TooManyRequests (429),
 * server-side errors (5xx). Fatal, with what to do: missing topic, a topic that is not FIFO, auth, message too
 * large, bad request.
 */
import {SinkError} from '../errors.js';

export function classifySendError(error: unknown, topic: string): {retriable: boolean; error: Error} {
	const code = (error as {code?: unknown})?.code;
	const message = error instanceof Error ? error.message : String(error);
	if (/message type not match/i.test(message)) {
		return fatal(
			`topic ${topic} does not accept FIFO messages (its message.type is not FIFO)`,
			error,
			'create the topic with message.type=FIFO (mqadmin updateTopic -a +message.type=FIFO) or map the table to a FIFO topic',
		);
	}
	if (typeof code === 'number') {
		if (code === 40402 || code === 40401)
			return fatal(`topic ${topic} does not exist`, error, 'create the topic (FIFO) or map the table to an existing one');
		if (code === 41301 || code === 41302 || /too large|exceed/i.test(message))
			return fatal(
				`a message for ${topic} is larger than the broker accepts`,
				error,
				'raise maxMessageSize on the proxy/broker, or select fewer columns',
			);
		if (code >= 40100 && code < 40400)
			return fatal(
				`RocketMQ refused the credentials for ${topic} (${code})`,
				error,
				'check the AccessKey/SecretKey and the ACL of the producer group',
			);
		if (code === 42900 || code >= 50000) return {retriable: true, error: error as Error};
		if (code >= 40000 && code < 50000) return fatal(`RocketMQ rejected a message for ${topic}: ${message}`, error, 'see the message above');
	}
	return {retriable: true, error: error instanceof Error ? error : new Error(message)};
}

function fatal(message: string, cause: unknown, hint: string): {retriable: false; error: Error} {
	return {retriable: false, error: new SinkError(message, {cause, hint})};
}
