import type { Readable } from "node:stream";
import { escapeIdentifier, escapeLiteral } from "pg";
import { to as copyTo } from "pg-copy-streams";
import {
  type CodebookColumn,
  codebookColumns,
  multiColumnName,
  statusLabels,
  weekdayLabels,
} from "../../shared/codebook.ts";
import { formulaLeaderPattern } from "../../shared/formula-guard.ts";
import { type LocalColumnSource, localColumnName } from "../../shared/local-codebook.ts";
import { questions } from "../../shared/questionnaire.ts";
import type { PoolClient, Queryable } from "../db.ts";
import { askedCondition } from "./rollup-columns.ts";

export type ExportFilter = {
  municipalityId: string;
  from: string;
  to: string;
  /** null: every site of the municipality. */
  siteIds: readonly string[] | null;
  kioskId: string | null;
  includeSuspect: boolean;
};

export type ExportFormat = {
  delimiter: "," | ";";
  labels: "codes" | "da" | "en";
  guardFormulas: boolean;
  /** hour: no instants (no id, clock time or receipt time) and rows in no telling order. */
  times?: "hour" | "exact";
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * COPY cannot take bind parameters, so the few values it needs are inlined as literals — each
 * one first checked against a strict pattern (uuid, date) and then escaped by pg itself.
 */
function literal(value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error(`refusing to inline ${JSON.stringify(value)}`);
  return escapeLiteral(value);
}

function column(name: string): CodebookColumn {
  const found = codebookColumns.find((c) => c.name === name);
  if (!found) throw new Error(`no codebook column ${name}`);
  return found;
}

/** A CASE that turns codes into labels (or leaves codes alone). Labels come from our own codebook. */
function coded(
  expression: string,
  codes: CodebookColumn["codes"],
  labels: ExportFormat["labels"],
): string {
  if (labels === "codes" || !codes) return expression;
  const whens = codes
    .map((c) => `when ${escapeLiteral(c.code)} then ${escapeLiteral(c.label[labels])}`)
    .join(" ");
  return `case ${expression} ${whens} end`;
}

/**
 * One column per local question version, after the core ones (shared/local-codebook.ts): the
 * answer looked up by the answers' primary key. Version ids are checked as uuids; names and
 * labels are of our own making (codes match [a-z0-9_]) and escaped all the same.
 */
function localColumns(versions: readonly LocalColumnSource[], labels: ExportFormat["labels"]) {
  return versions.map((version) => {
    const lookup = `(select la.answer_code from local_answers la
        where la.municipality_id = r.municipality_id and la.response_id = r.id
          and la.version_id = ${literal(version.id, uuidPattern)})`;
    const codes = version.answers.map((answer) => ({
      code: answer.code,
      label: { da: answer.label.da, en: answer.label.en ?? answer.label.da },
    }));
    return `${coded(lookup, codes, labels)} as ${escapeIdentifier(localColumnName(version))}`;
  });
}

/**
 * The SELECT behind responses.csv: one row per response, columns in codebook order, then the
 * municipality's local question versions (`local`).
 */
export function exportResponsesSql(
  filter: ExportFilter,
  format: ExportFormat,
  local: readonly LocalColumnSource[] = [],
): string {
  const l = format.labels;
  const answer = (name: string) => coded(`r.${name}`, column(name).codes, l);
  const zeroOne = (expression: string, name: string) =>
    coded(`(${expression})::int::text`, column(name).codes, l);
  // Every free-text column (shared/formula-guard.ts); the others hold codes, numbers, ids and
  // dates of our own making.
  const text = (expression: string) =>
    format.guardFormulas
      ? `case when ${expression} ~ ${escapeLiteral(formulaLeaderPattern)} then '''' || ${expression} else ${expression} end`
      : expression;
  // One column per question, a multi choice one per answer (0/1, empty when not asked).
  const answers = questions.flatMap((question) => {
    if (question.kind === "single") return [`${answer(question.code)} as ${question.code}`];
    if (question.kind === "text") return [`${text(`r.${question.code}`)} as ${question.code}`];
    return question.answers.map((choice) => {
      const name = multiColumnName(question, choice.code);
      const ticked = `${escapeLiteral(choice.code)} = any(coalesce(r.${question.code}, '{}'))`;
      return `case when ${askedCondition(question, "r.")} then ${zeroOne(ticked, name)} end as ${name}`;
    });
  });
  const siteFilter =
    filter.siteIds === null
      ? ""
      : `and r.site_id = any(array[${filter.siteIds.map((id) => literal(id, uuidPattern)).join(", ") || "null"}]::uuid[])`;
  const kioskFilter =
    filter.kioskId === null ? "" : `and r.kiosk_id = ${literal(filter.kioskId, uuidPattern)}`;
  const exact = format.times === "exact";
  // Within an hour, rows sorted by start time would let staff match the order they served
  // citizens in; a hash of the id orders them without meaning.
  const order = exact
    ? "r.local_date, r.started_at, r.id"
    : "r.local_date, r.local_hour, md5(r.id::text)";
  return `select ${exact ? "r.id, " : ""}r.site_id, ${text("s.name")} as site_name, r.kiosk_id, r.local_date,
      ${exact ? "to_char(r.started_at at time zone s.timezone, 'HH24:MI:SS') as local_time," : ""}
      ${coded(`(array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from r.local_date)::int]`, weekdayLabels, l)} as weekday,
      r.local_hour as hour,
      case when r.status = 'complete' and r.finished_at is not null
        then greatest(0, round(extract(epoch from r.finished_at - r.started_at)))::bigint end as duration_s,
      ${coded("r.status", statusLabels, l)} as status, r.locale, r.questionnaire,
      ${answers.join(",\n      ")},
      ${zeroOne("r.suspect", "suspect")} as suspect${
        exact
          ? `,
      to_char(r.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as received_at`
          : ""
      }${localColumns(local, l)
        .map(
          (expression) => `,
      ${expression}`,
        )
        .join("")}
    from responses r
    join sites s on s.municipality_id = r.municipality_id and s.id = r.site_id
    where r.municipality_id = ${literal(filter.municipalityId, uuidPattern)}
      and r.local_date between ${literal(filter.from, datePattern)}::date and ${literal(filter.to, datePattern)}::date
      ${siteFilter} ${kioskFilter}
      ${filter.includeSuspect ? "" : "and not r.suspect"}
    order by ${order}`;
}

/**
 * Streams the export's rows straight out of PostgreSQL as CSV (COPY … TO STDOUT): PostgreSQL
 * does the quoting, Node only forwards bytes, so memory stays flat whatever the size. No header
 * line: the caller sends it at once, as PostgreSQL would hold it back until the rows are sorted.
 */
export function copyResponsesCsv(
  client: PoolClient,
  filter: ExportFilter,
  format: ExportFormat,
  local: readonly LocalColumnSource[] = [],
): Readable {
  const sql = exportResponsesSql(filter, format, local);
  const delimiter = escapeLiteral(format.delimiter);
  return client.query(
    copyTo(`copy (${sql}) to stdout with (format csv, header false, delimiter ${delimiter})`),
  );
}

/** How many rows responses.csv will have (shown as progress while it streams). */
export async function countExportRows(db: Queryable, filter: ExportFilter): Promise<number> {
  const result = await db.query<{ n: number }>(
    `select count(*) as n from responses
     where municipality_id = $1 and local_date between $2::date and $3::date
       and ($4::uuid[] is null or site_id = any($4::uuid[]))
       and ($5::uuid is null or kiosk_id = $5::uuid)
       and ($6::boolean or not suspect)`,
    [
      filter.municipalityId,
      filter.from,
      filter.to,
      filter.siteIds,
      filter.kioskId,
      filter.includeSuspect,
    ],
  );
  return result.rows[0]?.n ?? 0;
}
