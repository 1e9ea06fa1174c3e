/**
 * `obsync stop|pause|resume NAME`: asks the process that runs the project, whatever started it, over the project's
 * control socket. stop drains in-flight messages and saves the checkpoint, as SIGTERM does, and answers once done.
 */

import {controlRequest} from '../engine/control/control-client.js';
import type {ControlOp} from '../engine/control/protocol.js';
import {ConfigError} from '../engine/errors.js';
import {lockHolder} from '../store/project-lock.js';
import {parseCommandLine} from './arguments.js';
import type {Command} from './index.js';
import {openStore} from './open-store.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';

type Op = Extract<ControlOp, 'stop' | 'pause' | 'resume'>;

const words: Record<Op, {does: string; done: string; wants: string}> = {
	stop: {does: 'drains in-flight messages, saves the checkpoint and ends the run (as SIGTERM does)', done: 'stopped', wants: 'stopped'},
	pause: {does: 'stops reading the binlog; what is in flight is still delivered', done: 'paused', wants: 'paused'},
	resume: {does: 'reads the binlog again after pause', done: 'resumed', wants: 'running'},
};

export function controlCommand(op: Op): Command {
	const usage = `Usage: obsync ${op} NAME

Asks the process running project NAME (obsync run, or the app) over its control socket: ${words[op].does}.
Exit codes: 0 done, 1 not running or it did not answer, 2 bad command line, 3 unknown project or damaged store.`;
	return {
		async run(argv) {
			const line = parseCommandLine(argv, {
				command: op,
				usage,
				options: {},
				check: ({positionals}) => (positionals.length === 1 ? undefined : 'name one project'),
			});
			if (!line.ok) return line.code;
			const name = line.positionals[0]!;
			try {
				const store = openStore(op);
				store.get(name);
				if (lockHolder(store.lockFile(name)) === null) {
					process.stderr.write(
						`obsync ${op}: project ${name} is not running\n  hint: obsync status ${name} says how it stopped; obsync run ${name} --resume starts it\n`,
					);
					return EXIT.failed;
				}
				const {hello, reply} = await controlRequest(store.socketFile(name), op);
				if (!reply.ok) throw new ConfigError(`the run of ${name} refused "${op}": ${reply.error}`);
				const {snapshot} = reply;
				const checkpoint = snapshot.checkpoint ? `${snapshot.checkpoint.file}:${snapshot.checkpoint.position}` : 'none';
				if (snapshot.state !== words[op].wants) {
					const why = snapshot.state === 'failed' ? `: ${snapshot.errors.at(-1)?.message ?? 'see its log'}` : '';
					process.stderr.write(`obsync ${op}: project ${name} (pid ${hello.pid}) is ${snapshot.state}${why}\n`);
					return EXIT.failed;
				}
				process.stdout.write(`${words[op].done} ${name} (pid ${hello.pid}); checkpoint ${checkpoint}\n`);
				return EXIT.ok;
			} catch (error) {
				process.stderr.write(`obsync ${op}: ${describeError(error)}\n`);
				return exitCodeOf(error);
			}
		},
	};
}
