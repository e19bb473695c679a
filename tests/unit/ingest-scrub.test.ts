import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  canonicalPayloadJson,
  payloadDigest,
  toResponseRow,
} from "../../sync-server/ingest/response-row.ts";
import { scrubText } from "../../sync-server/ingest/scrub.ts";
import { testFingerprintKeys } from "../helpers/fingerprint-keys.ts";
import { samplePayload } from "../helpers/sync-payloads.ts";

describe("scrubText removes what identifies a person", () => {
  it.each([
    ["Mit cpr er 010203-1234, ring tilbage", "Mit cpr er [CPR], ring tilbage"],
    ["cpr 0102031234.", "cpr [CPR]."],
    ["CPR: 290200 1234", "CPR: [CPR]"],
    ["Født 311299-4321 og vred", "Født [CPR] og vred"],
    ["Ring på 20304050", "Ring på [telefon]"],
    ["Ring på 20 30 40 50 efter kl. 16", "Ring på [telefon] efter kl. 16"],
    ["tlf. 2030 4050", "tlf. [telefon]"],
    ["tlf +45 20 30 40 50!", "tlf [telefon]!"],
    ["tlf +4520304050", "tlf [telefon]"],
    ["tlf 0045 20304050", "tlf [telefon]"],
    ["mobil 20-30-40-50", "mobil [telefon]"],
    ["svensk nr +46 70 123 45 67", "svensk nr [telefon]"],
    ["skriv til jens.hansen@gmail.com tak", "skriv til [e-mail] tak"],
    ["mail: søren_ø@kommune.dk.", "mail: [e-mail]."],
    ["to: a@b.dk, 20304050 og 010203-1234", "to: [e-mail], [telefon] og [CPR]"],
  ])("%s", (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    "Jeg ventede fra 10-17 i går",
    "Åbent 10.00-17.30, torsdag til 17:30",
    "Det kostede 1.200 kr for et pas",
    "Prisen 12.500.000 kr er for høj",
    "Sådan har det været siden 2015",
    "Mødet d. 23-11-2026 kl. 10",
    "Den 23.11.2026 og 24/11",
    "Kø nummer 1234 ventede 45 min",
    "Sagsnummer 9913451234 (ikke en dato)",
    "Ring 112 i nødsituationer",
    "Bus 1A kl 10 15 20 25",
    "Kl. 10 17 og 12 15",
  ])("leaves %s alone", (text) => {
    expect(scrubText(text)).toBe(text);
  });

  it("never makes a text longer than 500 characters", () => {
    const text = `${"x".repeat(492)}20304050`;
    expect(scrubText(text)).toHaveLength(500);
    expect(scrubText(text).endsWith("[telefon")).toBe(true);
  });

  it("hashes the response as sent, so a resend is a duplicate although the stored text differs", () => {
    const payload = samplePayload(1, {
      answers: { improve: "could_be_better", improve_text: "ring 20304050" },
    });
    const row = toResponseRow(payload, testFingerprintKeys);
    expect(row.answers.improve_text).toBe("ring [telefon]");
    expect(row.contentDigest).toBe(payloadDigest(payload));
    const resent = toResponseRow(structuredClone(payload), testFingerprintKeys);
    expect(resent.contentHash).toBe(row.contentHash);
  });
});

describe("canonicalPayloadJson", () => {
  it("is exactly canonicalJson for every shape of payload", () => {
    const payloads = [
      samplePayload(1),
      samplePayload(2, { answers: {}, finishedAt: null, status: "abandoned" }),
      samplePayload(3, {
        flags: ["suspect"],
        answers: {
          sent_on: "yes",
          referred_ok: "no",
          improve: "could_be_better",
          improve_text: 'a "q" \\ ø\n',
        },
      }),
      samplePayload(4, {
        locale: "ar",
        answers: { improve: "could_be_better", improve_reasons: ["other", "shorter_wait"] },
      }),
    ];
    for (const payload of payloads)
      expect(canonicalPayloadJson(payload)).toBe(canonicalJson(payload));
  });
});
