/** The five OMS serialization methods, by the names the wizard and the project file use. */
import {formatCanal} from './formats/canal.js';
import {formatDataWorks} from './formats/dataworks.js';
import {formatDefault} from './formats/default.js';
import {formatSharePlex} from './formats/shareplex.js';
import type {FormatOptions, FormatRecord} from './record.js';

export const FORMATS = ['Default', 'Canal', 'DataWorks', 'SharePlex', 'DefaultExtendColumnType'] as const;
export type FormatName = (typeof FORMATS)[number];

export function formatMessage(format: FormatName, record: FormatRecord, options: FormatOptions): string {
	switch (format) {
		case 'Default':
			return formatDefault(record);
		case 'DefaultExtendColumnType':
			return formatDefault(record, true);
		case 'Canal':
			return formatCanal(record, options);
		case 'DataWorks':
			return formatDataWorks(record, options);
		case 'SharePlex':
			return formatSharePlex(record, options);
	}
}

export type {DdlRecord, FormatOptions, FormatRecord, RowRecord} from './record.js';
