/** Connection settings of the test services, for tests (the services themselves are in test/services/). */
import mysql from 'mysql2/promise';
import {admin} from '../services/mariadb.mjs';
import {host, mariadb, rocketmq, rocketmq4} from '../services/settings.mjs';

export {groups, topics} from '../services/settings.mjs';

export const mariadbService = {host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: mariadb.database};
/** The service as a project's `source` holds it (no `database`: a project selects tables, and its fields are strict). */
export const mariadbSource = {host, port: mariadb.port, user: mariadb.user, password: mariadb.password};
export const mariadbAdmin = {...mariadbService, user: admin.user, password: admin.password};
export const rocketmqService = {
	endpoints: `${host}:${rocketmq.proxyPort}`,
	namesrv: `${host}:${rocketmq.namesrvPort}`,
	broker: `${host}:${rocketmq.brokerPort}`,
};
/** RocketMQ 4.9.7: remoting only (no gRPC proxy), for the remoting producer against a 4.x broker. */
export const rocketmq4Service = {
	namesrv: `${host}:${rocketmq4.namesrvPort}`,
	broker: `${host}:${rocketmq4.brokerPort}`,
};

/** A connection as the tests' administrator (DDL and workloads), to the test database. */
export function connectAdmin(): Promise<mysql.Connection> {
	return mysql.createConnection({...mariadbAdmin, supportBigNumbers: true, bigNumberStrings: true});
}

/** A logger for rocketmq-client-nodejs that keeps its chatter out of the test output and out of ~/logs. */
export const quietRocketmqLogger = {
	info() {},
	warn() {},
	error() {},
	debug() {},
};
