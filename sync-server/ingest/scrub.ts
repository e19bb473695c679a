import { characterCount } from "../../shared/contracts.ts";
import { improveTextMaxLength } from "../../shared/questionnaire.ts";

/**
 * Removes what identifies a person from the citizens' free text before it is stored: CPR
 * numbers, phone numbers and e-mail addresses become [CPR], [telefon] and [e-mail]. Patterns
 * err towards removing, but leave dates, prices ("1.200 kr"), opening hours ("10-17") and
 * years alone, since those are what comments are usually about.
 */

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// ddmmyy-xxxx, ddmmyy xxxx or ddmmyyxxxx, not part of a longer number.
const cpr = /(?<![\p{N}])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![\p{N}])/gu;

// Danish numbers: 8 digits, optionally +45/0045 first, written 12345678, 12 34 56 78,
// 1234 5678 or with hyphens. Danish subscriber numbers never start with 0 or 1, which keeps
// e.g. "10-17 10-17" from looking like one. Then any other +country number of 8–15 digits.
const danishPhone =
  /(?<![\p{N}+])(?:(?:\+|00)\s?45[\s-]?)?[2-9]\d(?:\d{6}|[\s-]\d{2}[\s-]\d{2}[\s-]\d{2}|\d{2}[\s-]\d{4})(?![\p{N}])/gu;
const internationalPhone = /(?<![\p{N}])\+\d{1,3}(?:[\s-]?\d){7,14}(?![\p{N}])/gu;

function isCalendarDate(day: number, month: number, twoDigitYear: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // A CPR's century is told by its serial; either 19xx or 20xx, so allow 29 Feb in both.
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth && twoDigitYear >= 0;
}

export function scrubText(text: string): string {
  // Every pattern needs a digit or an @; most comments have neither, and skip four regexes.
  if (!/[\d@]/.test(text)) return text;
  const scrubbed = text
    .replace(email, "[e-mail]")
    .replace(cpr, (match, dd: string, mm: string, yy: string) =>
      isCalendarDate(Number(dd), Number(mm), Number(yy)) ? "[CPR]" : match,
    )
    .replace(danishPhone, "[telefon]")
    .replace(internationalPhone, "[telefon]");
  // A placeholder can be longer than what it replaced; the column holds at most 500 characters.
  return characterCount(scrubbed) <= improveTextMaxLength
    ? scrubbed
    : [...scrubbed].slice(0, improveTextMaxLength).join("");
}
