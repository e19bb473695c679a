import { characterCount } from "../../shared/contracts.ts";
import { improveTextMaxLength } from "../../shared/questionnaire.ts";

/**
 * Removes what identifies a person from the citizens' free text before it is stored: CPR
 * numbers, phone numbers and e-mail addresses become [CPR], [telefon] and [e-mail]. Patterns
 * err towards removing, but leave dates, prices ("1.200 kr"), opening hours ("10-17") and
 * years alone, since those are what comments are usually about. The corpus of both kinds is
 * tests/unit/scrub-corpus.test.ts.
 *
 * The text is normalised first (NFKC: full-width and other look-alike digits and letters become
 * plain ones; zero-width characters go), so "０１０１９０-１２３４" or "0101\u200B90-1234" cannot slip
 * past; the stored text is the normalised one.
 */

/** Invisible characters that can sit between digits: zero-width space/joiners, word joiner,
 * invisible operators, BOM, soft hyphen, Mongolian vowel separator, combining grapheme joiner. */
const invisible = /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]|\u034F/gu;

/** Hyphens and dashes people type between groups of digits (NFKC leaves these apart). */
const dash = "\\-\\u2010-\\u2015\\u2212";

// One separator between two groups of digits of a CPR number: nothing, spaces, or one of - – . /
// with spaces around it ("010190 - 1234").
const cprSeparator = `(?:\\s*[${dash}./]\\s*|\\s+)?`;

// ddmmyy then the 4-digit serial, each group optionally separated (01.01.90-1234, 01 01 90 1234,
// 0101 901234, 010190/1234), not part of a longer number.
const cpr = new RegExp(
  `(?<![\\p{N}])(\\d{2})${cprSeparator}(\\d{2})${cprSeparator}(\\d{2})${cprSeparator}(\\d{4})(?![\\p{N}])`,
  "gu",
);

// An address, also written to dodge filters: jens(at)gmail.com, jens [at] gmail.com, jens @ gmail.com.
// The lookbehind starts a match only where a run of address characters starts: without it the
// engine tries every position inside a long word, which is quadratic in its length.
const email =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:\s*@\s*|\s*[([{]\s*(?:at|snabel-?a)\s*[)\]}]\s*)[\p{L}\p{N}-]+(?:(?:\.|\s*[([{]\s*dot\s*[)\]}]\s*)[\p{L}\p{N}-]+)*(?:\.|\s*[([{]\s*dot\s*[)\]}]\s*)\p{L}{2,}/giu;

// Danish numbers: 8 digits, optionally +45/0045 first, grouped 12345678, 12 34 56 78, 1234 5678,
// 203 040 50, 20 304 050 or with one kind of separator (20-30-40-50, 20.30.40.50; the same
// separator throughout, so "20.00-22.00" stays an opening time). Danish subscriber numbers never
// start with 0 or 1, which keeps e.g. "10-17 10-17" from looking like one. Then any other
// +country number of 8–15 digits.
const danishPhone = new RegExp(
  `(?<![\\p{N}+])(?:(?:\\+|00)\\s?45[\\s${dash}]?)?(?:` +
    [
      "[2-9]\\d{7}",
      `[2-9]\\d([\\s${dash}.])\\d{2}\\1\\d{2}\\1\\d{2}`,
      `[2-9]\\d{3}[\\s${dash}]\\d{4}`,
      "[2-9]\\d{2}\\s\\d{3}\\s\\d{2}",
      "[2-9]\\d\\s\\d{3}\\s\\d{3}",
    ].join("|") +
    ")(?![\\p{N}])",
  "gu",
);
const internationalPhone = /(?<![\p{N}])\+\d{1,3}(?:[\s-]?\d){7,14}(?![\p{N}])/gu;

// What each kind of pattern needs; most comments have neither, and skip the patterns.
const hasDigit = /\d/;
const mayHaveEmail = /@|[([{]\s*(?:at|snabel-?a)\s*[)\]}]/iu;

function isCalendarDate(day: number, month: number, twoDigitYear: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // A CPR's century is told by its serial; either 19xx or 20xx, so allow 29 Feb in both.
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth && twoDigitYear >= 0;
}

/** NFKC with invisible characters removed: the form every pattern is matched against. */
export function normaliseText(text: string): string {
  // Plain ASCII has nothing for NFKC to fold and no invisible characters: skip the work.
  if (!/[^\x20-\x7e\n\r\t]/.test(text)) return text;
  return text.normalize("NFKC").replace(invisible, "");
}

export function scrubText(sent: string): string {
  const text = normaliseText(sent);
  let scrubbed = mayHaveEmail.test(text) ? text.replace(email, "[e-mail]") : text;
  if (hasDigit.test(scrubbed)) {
    scrubbed = scrubbed
      .replace(cpr, (match, dd: string, mm: string, yy: string) =>
        isCalendarDate(Number(dd), Number(mm), Number(yy)) ? "[CPR]" : match,
      )
      .replace(danishPhone, "[telefon]")
      .replace(internationalPhone, "[telefon]");
  }
  // A placeholder can be longer than what it replaced, and NFKC can lengthen a text ("ﷺ" is 18
  // letters); the column holds at most 500 characters.
  return scrubbed.length <= improveTextMaxLength || characterCount(scrubbed) <= improveTextMaxLength
    ? scrubbed
    : [...scrubbed].slice(0, improveTextMaxLength).join("");
}
