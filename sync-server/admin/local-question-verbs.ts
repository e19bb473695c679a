import fs from "node:fs/promises";
import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { findMunicipalityByName } from "../queries/municipalities.ts";
import {
  addQuestion,
  changeQuestion,
  draftFromBody,
  type LocalQuestionView,
  listQuestions,
  retireQuestion,
} from "./local-questions.ts";
import { onlyMunicipality } from "./verbs.ts";

/**
 * The CLI's `local-question …` verbs (README, Administration). The question's words and answers
 * come from a JSON file, {"text": {"da": …}, "answers": [{"code", "label": {"da": …}}, …]}, the
 * admin API's body; the CLI acts as the operator at the console ("cli" in the audit log).
 */

const cli = { kind: "cli" as const, label: "npm run admin" };

async function municipalityOf(pool: Pool, name: string | undefined) {
  if (name === undefined) return onlyMunicipality(pool);
  const found = await findMunicipalityByName(pool, name);
  if (!found) throw new AppError("unknown_municipality", `No municipality is named "${name}".`);
  return found;
}

async function draftFromFile(file: string) {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    throw new AppError("invalid_local_question", `Cannot read the file ${file}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_local_question", `${file} is not valid JSON.`);
  }
  return draftFromBody(body);
}

type Reply = { municipalityId: string } & LocalQuestionView;

export async function listQuestionsVerb(
  pool: Pool,
  input: { municipality?: string | undefined },
): Promise<{ municipalityId: string; questions: LocalQuestionView[] }> {
  const municipality = await municipalityOf(pool, input.municipality);
  return { municipalityId: municipality.id, questions: await listQuestions(pool, municipality.id) };
}

export async function addQuestionVerb(
  pool: Pool,
  input: {
    code: string;
    file: string;
    site?: string | undefined;
    municipality?: string | undefined;
  },
): Promise<Reply> {
  const municipality = await municipalityOf(pool, input.municipality);
  const draft = await draftFromFile(input.file);
  const added = await addQuestion(pool, {
    municipalityId: municipality.id,
    code: input.code,
    siteId: input.site ?? null,
    draft,
    actor: cli,
  });
  return { municipalityId: municipality.id, ...added };
}

export async function changeQuestionVerb(
  pool: Pool,
  input: { questionId: string; file: string; municipality?: string | undefined },
): Promise<Reply> {
  const municipality = await municipalityOf(pool, input.municipality);
  const draft = await draftFromFile(input.file);
  const changed = await changeQuestion(pool, {
    municipalityId: municipality.id,
    questionId: input.questionId,
    draft,
    actor: cli,
  });
  return { municipalityId: municipality.id, ...changed };
}

export async function retireQuestionVerb(
  pool: Pool,
  input: { questionId: string; municipality?: string | undefined },
): Promise<Reply> {
  const municipality = await municipalityOf(pool, input.municipality);
  const retired = await retireQuestion(pool, {
    municipalityId: municipality.id,
    questionId: input.questionId,
    actor: cli,
  });
  return { municipalityId: municipality.id, ...retired };
}
