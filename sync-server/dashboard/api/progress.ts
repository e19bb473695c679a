/** Pure helpers for export progress (unit-tested; no I/O). */

const newline = 0x0a;

/** Line feeds in a chunk of UTF-8 bytes (a line feed byte never occurs inside a multibyte char). */
export function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (const byte of chunk) if (byte === newline) count += 1;
  return count;
}

/**
 * Whole percent of `done` out of `total`, held at 99 until the stream has ended: the line count
 * can overshoot (free text with line breaks) and "100 %" must mean the file is complete.
 */
export function progressPercent(done: number, total: number, finished: boolean): number {
  if (finished) return 100;
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((done * 100) / total));
}
