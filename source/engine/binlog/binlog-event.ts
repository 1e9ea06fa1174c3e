/** The decoded binlog events, a union on `kind`. Each carries its header and its start offset in the file. */

import type {MariadbGtidEvent, MysqlGtidEvent} from './events/gtid.js';
import type {QueryEvent} from './events/query.js';
import type {RowsEvent} from './events/rows.js';
import type {TableMap} from './events/table-map.js';
import type {FormatDescription} from './format-description.js';
import type {EventHeader} from './header.js';

type Base = {readonly header: EventHeader; readonly pos: number};

export type BinlogEvent = Base &
	(
		| {kind: 'format-description'; format: FormatDescription}
		| {kind: 'rotate'; nextFile: string; nextPosition: number; artificial: boolean}
		| ({kind: 'query'} & QueryEvent)
		| {kind: 'xid'; xid: bigint}
		| {kind: 'table-map'; table: TableMap}
		| {kind: 'rows'; rows: RowsEvent}
		| ({kind: 'gtid'} & MysqlGtidEvent)
		| {kind: 'previous-gtids'; gtidSet: string}
		| ({kind: 'mariadb-gtid'} & MariadbGtidEvent)
		| {kind: 'mariadb-gtid-list'; gtids: string[]}
		| {kind: 'binlog-checkpoint'; file: string}
		| {kind: 'annotate-rows'; query: string}
		| {kind: 'rows-query'; query: string}
		| {kind: 'heartbeat'; file: string; position: number | null}
		| {kind: 'transaction-payload'; events: BinlogEvent[]}
		| {kind: 'stop'}
		| {kind: 'incident'; incident: number; message: string}
		/** Events obsync has no use for (INTVAR, RAND, USER_VAR, IGNORABLE, XA_PREPARE, ...): header only. */
		| {kind: 'other'}
	);

export type BinlogEventKind = BinlogEvent['kind'];
