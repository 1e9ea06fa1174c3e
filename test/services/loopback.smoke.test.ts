import {describe, expect, it} from 'vitest';
import * as mariadb from '../services/mariadb.mjs';
import {listeningAddresses} from '../services/process.mjs';
import * as rocketmq from '../services/rocketmq.mjs';
import * as rocketmq4 from '../services/rocketmq4.mjs';

describe('the test services', () => {
	it('listen on 127.0.0.1 only, every port of every process', async () => {
		const reports = [await mariadb.status(), await rocketmq.status(), await rocketmq4.status()];
		const addresses = reports.flatMap((report) => report.pids.flatMap((pid) => listeningAddresses(pid)));
		// MariaDB 1 port; name server 1; broker+proxy 5 (gRPC, remoting, broker, fast channel, HA); 4.9.7: name server 1, broker 3
		expect(addresses.length).toBeGreaterThanOrEqual(11);
		const exposed = addresses.filter((address) => !/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/.test(address));
		expect(exposed).toEqual([]);
	});
});
