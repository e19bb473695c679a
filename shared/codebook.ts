import {
  type Label,
  type MultiChoice,
  type Question,
  questionnaireVersion,
  questionnaireVersions,
  questions,
  sinceOf,
} from "./questionnaire.ts";

/**
 * The analysts' codebook: every column of responses.csv with its meaning in Danish and English,
 * and each coded column's codes and labels. Built from the questionnaire, so it cannot drift.
 */
export type CodebookColumn = {
  name: string;
  description: Label;
  /** For coded columns: code → label. */
  codes?: { code: string; label: Label }[];
  /** The exact question wording per questionnaire version, for answer columns. */
  question?: { version: number; text: Label }[];
  /** Only in exports with times=exact (instants that could single out a citizen). */
  exactOnly?: boolean;
};

export const weekdayLabels: { code: string; label: Label }[] = [
  { code: "mon", label: { da: "mandag", en: "Monday" } },
  { code: "tue", label: { da: "tirsdag", en: "Tuesday" } },
  { code: "wed", label: { da: "onsdag", en: "Wednesday" } },
  { code: "thu", label: { da: "torsdag", en: "Thursday" } },
  { code: "fri", label: { da: "fredag", en: "Friday" } },
  { code: "sat", label: { da: "lørdag", en: "Saturday" } },
  { code: "sun", label: { da: "søndag", en: "Sunday" } },
];

export const statusLabels: { code: string; label: Label }[] = [
  { code: "complete", label: { da: "gennemført", en: "complete" } },
  { code: "abandoned", label: { da: "afbrudt", en: "abandoned" } },
];

/**
 * What the two CSV dialects do with text cells (shared/formula-guard.ts), said on every text
 * column: excel-da defuses formulas, rfc4180 keeps the text exactly as stored.
 */
export const dialectNote: Label = {
  da: "I excel-da-formatet får tekst, der begynder med = + - @ (eller tabulator/vognretur), en apostrof foran, så Excel viser den som tekst og ikke kører den som en formel. rfc4180-formatet gengiver teksten nøjagtigt som gemt, da det er data til R, pandas og databaser, hvor en apostrof ville ændre værdien; åbn det ikke direkte i Excel.",
  en: "In the excel-da dialect, text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe, so Excel shows it as text instead of running it as a formula. The rfc4180 dialect carries the text exactly as stored, as it is data for R, pandas and databases, where an apostrophe would change the value; do not open it in Excel directly.",
};

const plain = (name: string, da: string, en: string): CodebookColumn => ({
  name,
  description: { da, en },
});
const zeroOne = [
  { code: "0", label: { da: "nej", en: "no" } },
  { code: "1", label: { da: "ja", en: "yes" } },
];

/** responses.csv's column for one answer of a multi-choice question, e.g. improve_other. */
export function multiColumnName(question: MultiChoice, answer: string): string {
  return `${question.exportPrefix}_${answer}`;
}

/** The wording of a question in each version that asks it. */
function askedIn(question: Question): { version: number; text: Label }[] {
  return questionnaireVersions
    .filter((version) => version >= sinceOf(question))
    .map((version) => ({ version, text: question.text }));
}

function answerColumns(): CodebookColumn[] {
  const columns: CodebookColumn[] = [];
  for (const question of questions) {
    const asked = askedIn(question);
    if (question.kind === "single") {
      columns.push({
        name: question.code,
        description: {
          da: `Svar på «${question.text.da}». Tom: sprunget over eller ikke stillet.`,
          en: `Answer to “${question.text.en}”. Empty: skipped or not asked.`,
        },
        codes: question.answers.map((answer) => ({ code: answer.code, label: answer.label })),
        question: asked,
      });
    } else if (question.kind === "multi") {
      for (const answer of question.answers) {
        columns.push({
          name: multiColumnName(question, answer.code),
          description: {
            da: `1 hvis «${answer.label.da}» er valgt under «${question.text.da}», ellers 0. Tom når spørgsmålet ikke blev stillet.`,
            en: `1 if “${answer.label.en}” was chosen under “${question.text.en}”, else 0. Empty when not asked.`,
          },
          codes: zeroOne,
          question: asked,
        });
      }
    } else {
      columns.push({
        name: question.code,
        description: {
          da: `Borgerens egne ord, renset for CPR-numre, telefonnumre og e-mailadresser. ${dialectNote.da}`,
          en: `The citizen's own words, scrubbed of CPR numbers, phone numbers and e-mail addresses. ${dialectNote.en}`,
        },
        question: asked,
      });
    }
  }
  return columns;
}

export const codebookColumns: CodebookColumn[] = [
  {
    ...plain(
      "id",
      "Svarets id (UUIDv7, dannet på kiosken; rummer starttidspunktet). Kun med times=exact.",
      "The response's id (UUIDv7, made on the kiosk; it contains the start instant). Only with times=exact.",
    ),
    exactOnly: true,
  },
  plain("site_id", "Stedets id.", "The site's id."),
  plain("site_name", `Stedets navn. ${dialectNote.da}`, `The site's name. ${dialectNote.en}`),
  plain("kiosk_id", "Kioskens id.", "The kiosk's id."),
  plain(
    "local_date",
    "Dato for interviewets start i stedets tidszone (ÅÅÅÅ-MM-DD).",
    "Date the interview began, in the site's time zone (YYYY-MM-DD).",
  ),
  {
    ...plain(
      "local_time",
      "Klokkeslæt for start i stedets tidszone (TT:MM:SS). Kun med times=exact.",
      "Time the interview began, in the site's time zone (HH:MM:SS). Only with times=exact.",
    ),
    exactOnly: true,
  },
  { ...plain("weekday", "Ugedag for local_date.", "Weekday of local_date."), codes: weekdayLabels },
  plain(
    "hour",
    "Time (0–23) for start i stedets tidszone.",
    "Hour (0–23) the interview began, site time.",
  ),
  plain(
    "duration_s",
    "Sekunder fra start til sidste svar (heltal). Tom hvis borgeren gik uden at afslutte.",
    "Seconds from start to the last answer (whole number). Empty if the citizen left unfinished.",
  ),
  {
    ...plain(
      "status",
      "Gennemført eller afbrudt (borgeren gik midt i).",
      "Complete or abandoned (the citizen left midway).",
    ),
    codes: statusLabels,
  },
  plain(
    "locale",
    "Sproget borgeren valgte (da, en, de, pl, uk, tr, ar).",
    "The language the citizen chose (da, en, de, pl, uk, tr, ar).",
  ),
  plain("questionnaire", "Spørgeskemaets version.", "Questionnaire version."),
  ...answerColumns(),
  {
    ...plain(
      "suspect",
      "1 hvis svaret er markeret som mistænkeligt (fx for hurtigt til at være læst).",
      "1 if the response is flagged suspect (e.g. too fast to have been read).",
    ),
    codes: zeroOne,
  },
  {
    ...plain(
      "received_at",
      "Tidspunkt serveren modtog svaret (UTC, ISO 8601). Kun med times=exact.",
      "When the server received the response (UTC, ISO 8601). Only with times=exact.",
    ),
    exactOnly: true,
  },
];

export type ExportTimes = "hour" | "exact";

/** responses.csv's columns: every codebook column with times=exact, else those to the hour. */
export function exportColumnNamesFor(times: ExportTimes): string[] {
  return codebookColumns
    .filter((column) => times === "exact" || column.exactOnly !== true)
    .map((column) => column.name);
}

/** All columns (the times=exact export). */
export const exportColumnNames = exportColumnNamesFor("exact");

/** figures.csv's columns (GET /api/v1/export/figures.csv), for the same codebook. */
export const figuresCodebookColumns: CodebookColumn[] = [
  plain(
    "period",
    "Dato, ISO-uge (ÅÅÅÅ-Www), måned (ÅÅÅÅ-MM) eller hele perioden (fra/til) efter by=.",
    "Date, ISO week (YYYY-Www), month (YYYY-MM) or the whole range (from/to), as by= says.",
  ),
  plain("site", "Sted, «Sted / Kiosk», eller alle steder.", "Site, “Site / Kiosk”, or all sites."),
  plain(
    "question",
    "Spørgsmålets kode (labels=da|en: ordlyden).",
    "The question's code (labels=da|en: its wording).",
  ),
  plain(
    "answer",
    "Svarets kode; top_two = rigtig godt eller godt (labels=da|en: teksten).",
    "The answer's code; top_two = very good or good (labels=da|en: its text).",
  ),
  plain(
    "n",
    "Antal der besvarede spørgsmålet i gruppen. Tom når gruppen er skjult.",
    "How many in the group answered the question. Empty when the group is hidden.",
  ),
  plain(
    "count",
    "Antal med dette svar. Tom når skjult.",
    "How many gave this answer. Empty when hidden.",
  ),
  plain(
    "percent",
    "count/n i procent, én decimal. Tom når skjult eller n = 0.",
    "count/n in percent, one decimal. Empty when hidden or n = 0.",
  ),
  plain("ci_low", "Nedre grænse, 95 % Wilson-interval.", "Lower bound, 95 % Wilson interval."),
  plain("ci_high", "Øvre grænse, 95 % Wilson-interval.", "Upper bound, 95 % Wilson interval."),
  {
    ...plain(
      "suppressed",
      "1 hvis gruppen er skjult: under k svar på spørgsmålet, eller skjult for at en anden skjult gruppe ikke kan regnes ud.",
      "1 if the group is hidden: fewer than k answers to the question, or hidden so that another hidden group cannot be worked out.",
    ),
    codes: zeroOne,
  },
  {
    ...plain(
      "provisional",
      "1 hvis perioden er foreløbig: en kiosk har ikke synkroniseret siden.",
      "1 if the period is provisional: a kiosk has not synced since.",
    ),
    codes: zeroOne,
  },
];

/**
 * The codebook as Markdown, for people who read it rather than parse it; `local`: the
 * municipality's local question columns (shared/local-codebook.ts), after the core ones.
 */
export function codebookMarkdown(local: readonly CodebookColumn[] = []): string {
  const lines = [
    "# Borgerpuls — kodebog / codebook",
    "",
    `Spørgeskema version ${questionnaireVersion}.`,
    "",
  ];
  const sections: [string, CodebookColumn[]][] = [
    ["responses.csv", [...codebookColumns, ...local]],
    ["figures.csv", figuresCodebookColumns],
  ];
  for (const [file, columns] of sections) {
    lines.push(`# ${file}`, "");
    for (const column of columns) lines.push(...columnMarkdown(column));
  }
  return lines.join("\n");
}

function columnMarkdown(column: CodebookColumn): string[] {
  const lines = [
    `## \`${column.name}\``,
    "",
    `- da: ${column.description.da}`,
    `- en: ${column.description.en}`,
  ];
  for (const asked of column.question ?? []) {
    lines.push(`- Spørgsmål v${asked.version}: «${asked.text.da}» / “${asked.text.en}”`);
  }
  if (column.codes) {
    lines.push("", "| kode / code | da | en |", "| --- | --- | --- |");
    for (const code of column.codes)
      lines.push(`| \`${code.code}\` | ${code.label.da} | ${code.label.en} |`);
  }
  lines.push("");
  return lines;
}
