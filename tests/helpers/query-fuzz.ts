import fc from "fast-check";

/**
 * Hostile query strings for the report, dashboard and export endpoints (#13 sent 7,000 and
 * found year-0000 dates answered with 500s and broken-off CSVs). Each query starts valid and has
 * a few parameters replaced or repeated, so most reach the code behind validation.
 */
const paths = [
  "report",
  "dashboard/today",
  "dashboard/trend",
  "dashboard/heatmap",
  "dashboard/compare",
  "dashboard/comments",
  "dashboard/kiosks",
  "dashboard/changes",
  "export/responses/count",
  "export/responses.csv",
  "export/figures.csv",
  "export/codebook",
];
const names = [
  "from+to",
  "from",
  "to",
  "date",
  "site",
  "kiosk",
  "includeSuspect",
  "by",
  "q",
  "before",
  "limit",
  "dialect",
  "labels",
  "format",
  "__proto__",
  "constructor",
  "toString",
];
const pad = (n: number) => String(n).padStart(2, "0");
const edgeDate = fc
  .tuple(
    fc.constantFrom("0000", "0001", "1969", "1970", "2026", "9998", "9999", "10000"),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([year, month, day]) => `${year}-${pad(month)}-${pad(day)}`);

/** `path?query` under /api/v1/; `knownIds` are real site and kiosk ids to mix in. */
export function fuzzedQuery(knownIds: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    edgeDate,
    fc.constantFrom("2026-03-02", "0000-01-01", "9999-12-31", "true", "false", "day", "kiosk"),
    fc.date({ min: new Date(-62e12), max: new Date(3e14), noInvalidDate: true }).map((d) => {
      const iso = d.toISOString();
      return iso.slice(0, iso.indexOf("T"));
    }),
    fc.uuid().map(String),
    fc.constantFrom(...knownIds, "excel-da", "rfc4180", "md", "-1", "1e9", "NaN", "site", "week"),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 20 }),
  );
  const pairs = fc.array(fc.tuple(fc.constantFrom(...names), value, fc.boolean()), {
    maxLength: 4,
  });
  return fc.tuple(fc.constantFrom(...paths), pairs).map(([path, changes]) => {
    const params = new URLSearchParams({ from: "2026-03-01", to: "2026-03-31" });
    for (const [name, text, repeat] of changes) {
      if (name === "from+to") {
        params.set("from", text);
        params.set("to", text);
      } else if (repeat) params.append(name, text);
      else params.set(name, text);
    }
    return `${path}?${params.toString()}`;
  });
}
