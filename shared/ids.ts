import { v7 } from "uuid";

/**
 * Every id the system makes is a UUIDv7: time-ordered, so index inserts stay local (random v4
 * ids halved insert speed into a 10-million-row table) and responses partition by month.
 */
export function newId(atMs?: number): string {
  return atMs === undefined ? v7() : v7({ msecs: atMs });
}

const uuidv7Pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(value: string): boolean {
  return uuidv7Pattern.test(value);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
