import fc from "fast-check";
import { errorCatalogue } from "../../shared/errors.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import { samplePayload, syncBody } from "./sync-payloads.ts";

/**
 * Hostile sync bodies for property-based fuzzing (tests/integration/sync-fuzz.test.ts runs a
 * few thousand, tests/bench/fuzz-sync.ts ten thousand and more): mixed batches where each item
 * starts as a valid response and may be bent in the ways #13's fuzzing found (prototype keys,
 * year 0000, huge strings, wrong types, ids reused), plus whole bodies that are not a request.
 */

const prototypeKeys = [...Object.getOwnPropertyNames(Object.prototype), "__proto__", "prototype"];
const fields = [
  "id",
  "seq",
  "questionnaire",
  "locale",
  "status",
  "startedAt",
  "finishedAt",
  "answers",
  "flags",
];
const answerKeys = [
  "got_help",
  "sent_on",
  "referred_ok",
  "guidance",
  "seen_heard",
  "improve",
  "improve_reasons",
  "improve_text",
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    "\u0000",
    "da",
    "yes",
    "could_be_better",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999+14:00",
    "2026-02-29T10:00:00+01:00",
    "2026-11-23T10:15:02.120+18:00",
    "1970-01-01T00:00:00Z",
    "NaN",
    '=HYPERLINK("x")',
    "Mit cpr er 01.01.90-1234",
    "suspect",
  ),
  fc.integer({ min: 1, max: 20 }).map((n) => "x".repeat(n * 100)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53, -0, 1e308),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...prototypeKeys, ...answerKeys), hostileString, { maxKeys: 3 }),
);
const anyKey = fc.oneof(
  fc.constantFrom(...prototypeKeys, ...fields, ...answerKeys),
  fc.string({ maxLength: 12 }),
);

type Mutation =
  | { kind: "set"; field: string; value: unknown }
  | { kind: "delete"; field: string }
  | { kind: "answer"; key: string; value: unknown }
  | { kind: "dropAnswer"; key: string }
  | { kind: "extra"; key: string; value: unknown }
  | { kind: "reuseId" }
  | { kind: "v4Id" }
  | { kind: "upperId" };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    field: fc.constantFrom(...fields),
    value: hostileValue,
  }),
  fc.record({ kind: fc.constant("delete" as const), field: fc.constantFrom(...fields) }),
  fc.record({ kind: fc.constant("answer" as const), key: anyKey, value: hostileValue }),
  fc.record({ kind: fc.constant("dropAnswer" as const), key: fc.constantFrom(...answerKeys) }),
  fc.record({ kind: fc.constant("extra" as const), key: anyKey, value: hostileValue }),
  fc.constant({ kind: "reuseId" as const }),
  fc.constant({ kind: "v4Id" as const }),
  fc.constant({ kind: "upperId" as const }),
);

/** An item: a valid response bent by 0–3 mutations (about a third stay valid). */
const item = fc.record({
  answers: fc.constantFrom<Record<string, unknown>>(
    { got_help: "yes", improve: "nothing" },
    {
      got_help: "no",
      sent_on: "yes",
      referred_ok: "no",
      improve: "could_be_better",
      improve_text: "Ring 20 30 40 50",
    },
    {},
  ),
  mutations: fc.oneof(
    fc.constant<Mutation[]>([]),
    fc.array(mutation, { minLength: 1, maxLength: 3 }),
  ),
});

const template = samplePayload(1);
const envelope = JSON.stringify(syncBody([]));

/** JSON of a value; undefined (which JSON cannot say) as null. */
const json = (value: unknown) => (value === undefined ? "null" : JSON.stringify(value));

/** An object's JSON from [key, JSON text] pairs: own keys like __proto__ stay own keys. */
const objectJson = (pairs: Iterable<[string, string]>) =>
  `{${[...pairs].map(([key, text]) => `${JSON.stringify(key)}:${text}`).join(",")}}`;

/** Builds the JSON text of one item, so own keys like __proto__ survive as JSON.parse makes them. */
function itemJson(
  spec: { answers: Readonly<Record<string, unknown>>; mutations: readonly Mutation[] },
  seq: number,
  earlierIds: readonly string[],
): string {
  // The template's timestamps with a fresh id: formatting times per item (Intl) cost more than
  // everything else the fuzzing does.
  const { answers: _valid, ...base } = { ...template, id: newId(), seq };
  const entries = new Map<string, string>(Object.entries(base).map(([k, v]) => [k, json(v)]));
  const answers = new Map<string, string>(
    Object.entries(spec.answers).map(([k, v]) => [k, json(v)]),
  );
  let answersReplaced = false;
  for (const change of spec.mutations) {
    if (change.kind === "set") {
      entries.set(change.field, json(change.value));
      if (change.field === "answers") answersReplaced = true;
    } else if (change.kind === "delete") {
      entries.delete(change.field);
      if (change.field === "answers") answersReplaced = true;
    } else if (change.kind === "answer") answers.set(change.key, json(change.value));
    else if (change.kind === "dropAnswer") answers.delete(change.key);
    else if (change.kind === "extra") entries.set(change.key, json(change.value));
    else if (change.kind === "reuseId" && earlierIds.length > 0)
      entries.set("id", json(earlierIds[seq % earlierIds.length]));
    else if (change.kind === "v4Id")
      entries.set("id", json("0b7c1c4e-2f3a-4d5b-9c8d-7e6f5a4b3c2d"));
    else if (change.kind === "upperId") {
      const id: unknown = JSON.parse(entries.get("id") ?? "null");
      if (typeof id === "string") entries.set("id", json(id.toUpperCase()));
    }
  }
  if (!answersReplaced) entries.set("answers", objectJson(answers));
  return objectJson(entries);
}

export type FuzzBody = { text: string; items: number };

/** A whole request body as text: usually a mixed batch, sometimes not a request at all. */
export const syncFuzzBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(item, { maxLength: 12 }).map((items) => {
      const ids: string[] = [];
      const texts = items.map((spec, index) => {
        const text = itemJson(spec, index + 1, ids);
        const id = (JSON.parse(text) as { id?: unknown }).id;
        if (typeof id === "string") ids.push(id);
        return text;
      });
      return {
        text: envelope.replace('"responses":[]', `"responses":[${texts.join(",")}]`),
        items: items.length,
      };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? "null"),
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          "",
          "{",
          "[]",
          '{"responses":{}}',
          '{"sentAt":"0000-01-01T00:00:00Z","responses":[]}',
          '{"sentAt":"2026-11-23T10:15:02+01:00","responses":[],"kioskId":{"__proto__":1}}',
          '{"__proto__":{"responses":[]},"sentAt":"2026-11-23T10:15:02+01:00"}',
          `{"sentAt":"2026-11-23T10:15:02+01:00","responses":[${"[".repeat(3000)}${"]".repeat(3000)}]}`,
        ),
      )
      .map((text) => ({ text, items: 0 })),
  },
);

export type SyncReplyBody = {
  accepted?: string[];
  duplicates?: string[];
  rejected?: { id: string; code: string; message: string }[];
  error?: { code: string; message: string };
};

/**
 * What must hold for any body: no 5xx; an error has a catalogue code and a reason; a 200
 * accounts for every item exactly once (each distinct id in one list, items without a usable
 * id each rejected with a code). Returns what is wrong, or undefined.
 */
export function replyProblem(
  body: FuzzBody,
  status: number,
  reply: SyncReplyBody,
): string | undefined {
  if (status >= 500) return `status ${status}: ${JSON.stringify(reply).slice(0, 300)}`;
  if (status !== 200) {
    if (!reply.error || !Object.hasOwn(errorCatalogue, reply.error.code) || !reply.error.message)
      return `status ${status} without a catalogue code and reason`;
    return undefined;
  }
  const { accepted = [], duplicates = [], rejected = [] } = reply;
  for (const rejection of rejected)
    if (!Object.hasOwn(errorCatalogue, rejection.code) || !rejection.message)
      return `rejection without a catalogue code and reason: ${JSON.stringify(rejection)}`;
  const parsed = JSON.parse(body.text) as { responses: unknown[] };
  const ids = parsed.responses.map((raw) => {
    const id = (raw as { id?: unknown } | null)?.id;
    return typeof id === "string" && isUuid(id) ? id.toLowerCase() : undefined;
  });
  const distinct = new Set(ids.filter((id): id is string => id !== undefined));
  const unidentified = ids.filter((id) => id === undefined).length;
  const listed = [...accepted, ...duplicates, ...rejected.map((r) => r.id)];
  if (listed.length !== distinct.size + unidentified)
    return `${parsed.responses.length} items (${distinct.size} ids, ${unidentified} without) but ${listed.length} entries in the reply`;
  const named = new Set(listed.filter((id) => isUuid(id)).map((id) => id.toLowerCase()));
  for (const id of distinct) if (!named.has(id)) return `id ${id} is in no list`;
  return undefined;
}
