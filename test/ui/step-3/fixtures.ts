/**
 * The tables Step 3's tests choose from, created as the tests' administrator and dropped afterwards: a table with a
 * primary key, one with a composite key, one with only a NOT NULL unique key, one with no key at all, one with a
 * Chinese column name, a view, and a second database with a table and a table whose name is Chinese.
 */

import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import {type Draft, emptyDraft} from '../../../source/ui/wizard/draft.js';
import {connectAdmin} from '../../helpers/services.js';
import {testDestination, testSource} from '../helpers/render-ui.js';

export const db = 'obsync_test';
export const db2 = 'ui_s3_db2';

const statements = [
	`DROP VIEW IF EXISTS ${db}.ui_s3_view`,
	`DROP TABLE IF EXISTS ${db}.ui_s3_orders, ${db}.ui_s3_items, ${db}.ui_s3_uk, ${db}.ui_s3_nokey, ${db}.ui_s3_cn_col`,
	`DROP DATABASE IF EXISTS ${db2}`,
	`CREATE TABLE ${db}.ui_s3_orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL, amount DECIMAL(10,2), note VARCHAR(100))`,
	`CREATE TABLE ${db}.ui_s3_items (order_id BIGINT NOT NULL, line INT NOT NULL, sku VARCHAR(20), PRIMARY KEY (order_id, line))`,
	`CREATE TABLE ${db}.ui_s3_uk (code VARCHAR(20) NOT NULL, name VARCHAR(50), UNIQUE KEY uk_code (code))`,
	`CREATE TABLE ${db}.ui_s3_nokey (a INT, b VARCHAR(20))`,
	`CREATE TABLE ${db}.ui_s3_cn_col (id INT PRIMARY KEY, \`名称\` VARCHAR(20)) DEFAULT CHARSET=utf8mb4`,
	`CREATE VIEW ${db}.ui_s3_view AS SELECT id, status FROM ${db}.ui_s3_orders`,
	`CREATE DATABASE ${db2} DEFAULT CHARACTER SET utf8mb4`,
	`CREATE TABLE ${db2}.ui_s3_events (id INT PRIMARY KEY, kind VARCHAR(20))`,
	`CREATE TABLE ${db2}.\`ui_s3_表\` (id INT PRIMARY KEY)`,
];

export async function createFixtures(): Promise<void> {
	const admin = await connectAdmin();
	try {
		for (const sql of statements) await admin.query(sql);
	} finally {
		await admin.end();
	}
}

export async function dropFixtures(): Promise<void> {
	const admin = await connectAdmin();
	try {
		for (const sql of statements.slice(0, 3)) await admin.query(sql);
	} finally {
		await admin.end();
	}
}

/** A draft at step 3 with the test services as source and destination. */
export function draftAtObjects(id: string, objects: ProjectObject[] = []): Draft {
	return {
		...emptyDraft(id),
		step: 'objects',
		name: 'shop',
		sourceName: 'mariadb-test',
		source: testSource,
		destinationName: 'rocketmq-test',
		destination: testDestination,
		objects,
	};
}
