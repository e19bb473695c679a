import type { CodebookColumn } from "./codebook.ts";
import type { LocalText } from "./local-questions.ts";

/**
 * The codebook's columns for a municipality's local questions (issue 14): one per question
 * version, after the core columns of responses.csv, named local_<code>_v<version>. A version's
 * answers keep their meaning, so a column's codes never change once it exists.
 */
export type LocalColumnSource = {
  id: string;
  code: string;
  version: number;
  siteId: string | null;
  text: LocalText;
  answers: readonly { code: string; label: LocalText }[];
};

export function localColumnName(version: Pick<LocalColumnSource, "code" | "version">): string {
  return `local_${version.code}_v${version.version}`;
}

const english = (text: LocalText) => text.en ?? text.da;

export function localCodebookColumns(versions: readonly LocalColumnSource[]): CodebookColumn[] {
  return versions.map((version) => ({
    name: localColumnName(version),
    description: {
      da: `Lokalt spørgsmål «${version.text.da}» (version ${version.version}, ${version.siteId === null ? "alle steder" : `kun stedet ${version.siteId}`}). Tom: ikke stillet (andet sted, anden version, sprog uden oversættelse) eller sprunget over.`,
      en: `Local question “${english(version.text)}” (version ${version.version}, ${version.siteId === null ? "every site" : `only the site ${version.siteId}`}). Empty: not asked (another site, another version, a language without a translation) or skipped.`,
    },
    codes: version.answers.map((answer) => ({
      code: answer.code,
      label: { da: answer.label.da, en: english(answer.label) },
    })),
    question: [
      { version: version.version, text: { da: version.text.da, en: english(version.text) } },
    ],
  }));
}
