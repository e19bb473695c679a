import { describe, expect, it } from "vitest";
import { normaliseText, scrubText } from "../../sync-server/ingest/scrub.ts";

/**
 * The scrubbing corpus: formats people write CPR numbers, phone numbers and e-mail addresses in
 * (each must go), and look-alikes comments are full of (each must stay). #13 listed the formats
 * the first scrubber missed; they are the first rows of each table.
 */

const cprs = [
  "01.01.90-1234",
  "01 01 90 1234",
  "010190 - 1234",
  "010190–1234", // en dash
  "010190—1234", // em dash
  "010190−1234", // minus sign
  "010190/1234",
  "01-01-90-1234",
  "0101 901234",
  "０１０１９０－１２３４", // full-width
  "010190\u200B-1234", // zero-width space
  "0101\u200D90\u20601234", // zero-width joiner, word joiner
  "01\u00AD0190-1234", // soft hyphen
  "010190 1234",
  "0101901234",
  "290200-1234",
];

const phones = [
  "20.30.40.50",
  "203 040 50",
  "20 304 050",
  "20304050",
  "20 30 40 50",
  "2030 4050",
  "20-30-40-50",
  "+45 20 30 40 50",
  "0045 20304050",
  "２０３０４０５０", // full-width
  "2030\u200B4050",
  "20\u00A030\u00A040\u00A050", // no-break spaces
  "+46 70 123 45 67",
];

const emails = [
  "jens(at)gmail.com",
  "jens @ gmail.com",
  "jens [at] gmail.com",
  "jens (at) gmail (dot) com",
  "jens.hansen@gmail.com",
  "søren_ø@kommune.dk",
  "jens＠gmail.com", // full-width @
  "jens\u200B@gmail.com",
];

describe("the formats #13 listed, and their kin, are scrubbed", () => {
  it.each(cprs)("CPR %s", (cpr) => {
    expect(scrubText(`Mit cpr er ${cpr}, ring tilbage`)).toBe("Mit cpr er [CPR], ring tilbage");
  });
  it.each(phones)("phone %s", (phone) => {
    expect(scrubText(`Ring på ${phone} efter kl. 16`)).toBe("Ring på [telefon] efter kl. 16");
  });
  it.each(emails)("e-mail %s", (email) => {
    expect(scrubText(`Skriv til ${email} tak`)).toBe("Skriv til [e-mail] tak");
  });
});

const lookAlikes = [
  // prices
  "Det kostede 1.200 kr for et pas",
  "Prisen 12.500.000 kr er for høj",
  "Gebyret er 2.450,50 kr.",
  "Pas 1.200 kr, kørekort 280 kr",
  "Det kostede 200 300 kr at få lavet",
  // dates
  "Mødet d. 23-11-2026 kl. 10",
  "Den 23.11.2026 og 24/11",
  "Fra 01.01.2024 til 31.12.2024",
  "Tid den 1/12-2026 kl. 9.30",
  "Jeg var her 12-11-2026 og 13-11-2026",
  "Født i 1990, bor her siden 2015",
  // opening hours
  "Jeg ventede fra 10-17 i går",
  "Åbent 10.00-17.30, torsdag til 17:30",
  "Åbent man-fre 10-17, lør 10-13",
  "Kl. 20.00-22.00 er der lukket",
  "Åbningstid 08.30 - 15.00 og 16.00 - 18.00",
  "Kl. 10 17 og 12 15",
  // numbers that are not people
  "Kø nummer 1234 ventede 45 min",
  "Sagsnummer 9913451234 (ikke en dato)",
  "Ring 112 i nødsituationer",
  "Bus 1A kl 10 15 20 25",
  "Postnummer 8000 Aarhus C",
  "Vi var 3 på 20 min",
  // words that look like a spelt-out address but are not
  "Jeg kom at 10 (at) tiden",
  "Send et brev til Rådhuset (at) ordne det",
];

describe("look-alikes stay", () => {
  it.each(lookAlikes)("%s", (text) => {
    expect(scrubText(text)).toBe(text);
  });
});

describe("normalisation", () => {
  it("folds full-width forms and drops zero-width characters, keeping Danish letters", () => {
    expect(normaliseText("Ｂｏｒｇｅｒ\u200Bservice æøå ÆØÅ")).toBe("Borgerservice æøå ÆØÅ");
  });
  it("leaves emoji, Arabic and Ukrainian text readable", () => {
    for (const text of ["Tak 👍🏽", "شكرا جزيلا", "Дуже дякую"]) {
      expect(scrubText(text)).toBe(text.normalize("NFKC"));
    }
  });
  it("never gives more than 500 characters, even when NFKC lengthens the text", () => {
    expect([...scrubText("ﷺ".repeat(500))].length).toBe(500);
  });
});
