/**
 * `obsync` with no command: the interactive app (home, wizard, dashboard) on a terminal. Without a terminal it refuses
 * and points to the headless commands. Ink and React are loaded only here, so `obsync run` never parses them.
 */
import path from 'node:path';
import type {ProjectStore} from '../store/project-store.js';
import {createLogger} from './logger.js';
import {openStore} from './open-store.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';

export async function runUi(): Promise<number> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		process.stderr.write(
			'obsync: the interactive app needs a terminal (stdin and stdout are not one here).\n' +
				'  Headless: `obsync run NAME [--resume] [--json]`, `obsync precheck NAME`, `obsync project list|import|export`.\n' +
				'  Over SSH, use `ssh -t` so a terminal is allocated.\n',
		);
		return EXIT.usage;
	}
	// Ink prints only its last frame, at exit, when it believes it runs in CI (a CI or CONTINUOUS_INTEGRATION variable,
	// read when ink is first imported). Here stdin and stdout are a terminal, so a person is watching: such a variable
	// (inherited by a shell on a build host, say) must not blank the screen. Ink is imported below, after this.
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];
	// A damaged store stops the app before it takes the screen, with what is wrong and how to recover.
	let store: ProjectStore;
	try {
		store = openStore('');
	} catch (error) {
		process.stderr.write(`obsync: ${describeError(error)}\n`);
		return exitCodeOf(error);
	}
	// The app owns the terminal: logs go to a file beside the store, never to the screen.
	const logger = createLogger({file: path.join(store.directory, 'obsync.log'), level: process.env.OBSYNC_LOG_LEVEL ?? 'info'});
	const [{renderApp}, {createServices}] = await Promise.all([import('../ui/render-app.js'), import('../ui/services.js')]);
	const services = createServices({store, logger});
	// A dropped SSH session (SIGHUP) or a kill (SIGTERM): the terminal may be gone, but the projects running here still
	// drain their in-flight messages and save their checkpoints before the process leaves. Repeats are ignored.
	let leaving = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (leaving) return;
		leaving = true;
		const running = store.names().flatMap((name) => services.running(name)?.engine ?? []);
		logger.info({signal, projects: running.length}, 'signal: stopping the projects running here');
		void Promise.all(running.map((engine) => engine.stop())).finally(() => {
			logger.info({signal}, 'signal: stopped; leaving');
			logger.flush(); // the destination is synchronous: this writes everything before the exit
			process.exit(signal === 'SIGHUP' ? 129 : 143);
		});
	};
	process.on('SIGHUP', onSignal);
	process.on('SIGTERM', onSignal);
	await renderApp(services);
	return EXIT.ok;
}
