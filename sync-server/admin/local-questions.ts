import { AppError } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import {
  type LocalQuestionDraft,
  type LocalQuestionView,
  localCodePattern,
  localQuestionProblems,
  maxLocalQuestions,
  readDraft,
  type SyncedLocalQuestion,
} from "../../shared/local-questions.ts";
import { inTransaction, type Pool, type PoolClient, type Queryable } from "../db.ts";
import { insertAuditEntries } from "../queries/audit-log.ts";
import {
  findLocalQuestion,
  insertLocalQuestion,
  insertLocalVersion,
  listLocalQuestions,
  lockLocalQuestions,
  retireLocalQuestion,
} from "../queries/local-questions.ts";
import { findSiteInMunicipality, siteNamesOf } from "../queries/sites.ts";
import type { SettingsActor } from "./site-settings.ts";

/**
 * Local questions, as the CLI, the admin API and the dashboard's admin page change them: add,
 * change (a new version) and retire, each checked, audited and serialised per municipality so
 * that no site ever asks more than maxLocalQuestions.
 */

export type { LocalQuestionView };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A draft from an untrusted body (REST or the CLI's file), or invalid_local_question. */
export function draftFromBody(body: unknown): LocalQuestionDraft {
  const problems = localQuestionProblems(body);
  if (problems.length)
    throw new AppError("invalid_local_question", `${problems.slice(0, 10).join("; ")}.`);
  return readDraft(body);
}

/** The question's code for a new question, checked. */
export function checkCode(code: unknown): string {
  if (typeof code !== "string" || !localCodePattern.test(code))
    throw new AppError(
      "invalid_local_question",
      "code: a-z, digits and _, starting with a letter, at most 30 characters (e.g. errand).",
    );
  return code;
}

export async function listQuestions(
  db: Queryable,
  municipalityId: string,
): Promise<LocalQuestionView[]> {
  return listLocalQuestions(db, municipalityId);
}

/** The questions a site's kiosks ask now, as the sync reply carries them (≤ three). */
export async function syncedLocalQuestions(
  db: Queryable,
  site: { municipalityId: string; id: string },
): Promise<SyncedLocalQuestion[]> {
  const asked = await listLocalQuestions(db, site.municipalityId, { askedAt: site.id });
  return asked
    .slice(0, maxLocalQuestions)
    .map(({ id, questionId, code, version, text, answers }) => ({
      id,
      questionId,
      code,
      version,
      text,
      answers,
    }));
}

/** Would `siteId`'s scope (null: every site) ask more than the maximum with one more question? */
async function checkRoom(client: PoolClient, municipalityId: string, siteId: string | null) {
  const active = (await listLocalQuestions(client, municipalityId)).filter((q) => !q.retired);
  const everywhere = active.filter((q) => q.siteId === null).length;
  const perSite = new Map<string, number>();
  for (const question of active) {
    if (question.siteId !== null)
      perSite.set(question.siteId, (perSite.get(question.siteId) ?? 0) + 1);
  }
  const busiest = siteId === null ? Math.max(0, ...perSite.values()) : (perSite.get(siteId) ?? 0);
  if (everywhere + busiest + 1 > maxLocalQuestions) {
    const names = await siteNamesOf(client, municipalityId);
    const where = siteId === null ? "one of the sites" : `the site ${names.get(siteId) ?? siteId}`;
    throw new AppError(
      "too_many_local_questions",
      `${where} would ask ${everywhere + busiest + 1} local questions; at most ${maxLocalQuestions} (retire one first).`,
    );
  }
}

async function requireQuestion(db: Queryable, municipalityId: string, questionId: string) {
  const found = uuidPattern.test(questionId)
    ? await findLocalQuestion(db, municipalityId, questionId.toLowerCase())
    : undefined;
  if (!found)
    throw new AppError("unknown_local_question", `No local question has the id ${questionId}.`);
  return found;
}

function auditEntry(
  municipalityId: string,
  actor: SettingsActor,
  action: string,
  question: LocalQuestionView,
) {
  return {
    municipalityId,
    actorKind: actor.kind,
    actorId: actor.id ?? null,
    actorLabel: actor.label ?? null,
    action,
    targetId: question.questionId,
    details: { code: question.code, version: question.version, siteId: question.siteId },
  };
}

export async function addQuestion(
  pool: Pool,
  input: {
    municipalityId: string;
    code: string;
    siteId: string | null;
    draft: LocalQuestionDraft;
    actor: SettingsActor;
  },
): Promise<LocalQuestionView> {
  const code = checkCode(input.code);
  if (input.siteId !== null) {
    const site = uuidPattern.test(input.siteId)
      ? await findSiteInMunicipality(pool, input.municipalityId, input.siteId.toLowerCase())
      : undefined;
    if (!site) throw new AppError("unknown_site", `No site has the id ${input.siteId}.`);
  }
  const siteId = input.siteId?.toLowerCase() ?? null;
  return inTransaction(pool, async (client) => {
    await lockLocalQuestions(client, input.municipalityId);
    await checkRoom(client, input.municipalityId, siteId);
    const existing = await listLocalQuestions(client, input.municipalityId);
    if (existing.some((question) => question.code === code))
      throw new AppError(
        "duplicate_local_question",
        `The municipality already has a local question with the code ${code}.`,
      );
    const questionId = newId();
    await insertLocalQuestion(client, {
      municipalityId: input.municipalityId,
      id: questionId,
      code,
      siteId,
    });
    await insertLocalVersion(client, {
      municipalityId: input.municipalityId,
      id: newId(),
      questionId,
      version: 1,
      ...input.draft,
    });
    const added = await requireQuestion(client, input.municipalityId, questionId);
    await insertAuditEntries(client, [
      auditEntry(input.municipalityId, input.actor, "local_question.added", added),
    ]);
    return added;
  });
}

/**
 * A change of wording or answers is a new version (answers given to the old one keep its
 * meaning); kiosks ask the new one from their next start screen after a sync. A change to
 * nothing makes no version.
 */
export async function changeQuestion(
  pool: Pool,
  input: {
    municipalityId: string;
    questionId: string;
    draft: LocalQuestionDraft;
    actor: SettingsActor;
  },
): Promise<LocalQuestionView> {
  return inTransaction(pool, async (client) => {
    await lockLocalQuestions(client, input.municipalityId);
    const before = await requireQuestion(client, input.municipalityId, input.questionId);
    if (before.retired)
      throw new AppError(
        "invalid_local_question",
        "A retired question cannot be changed; add a new one.",
      );
    const same =
      JSON.stringify(readDraft({ text: before.text, answers: before.answers })) ===
      JSON.stringify(input.draft);
    if (same) return before;
    await insertLocalVersion(client, {
      municipalityId: input.municipalityId,
      id: newId(),
      questionId: before.questionId,
      version: before.version + 1,
      ...input.draft,
    });
    const after = await requireQuestion(client, input.municipalityId, before.questionId);
    await insertAuditEntries(client, [
      auditEntry(input.municipalityId, input.actor, "local_question.changed", after),
    ]);
    return after;
  });
}

/** Kiosks stop asking it at their next start screen after a sync; its figures stay. */
export async function retireQuestion(
  pool: Pool,
  input: { municipalityId: string; questionId: string; actor: SettingsActor },
): Promise<LocalQuestionView> {
  return inTransaction(pool, async (client) => {
    await lockLocalQuestions(client, input.municipalityId);
    const before = await requireQuestion(client, input.municipalityId, input.questionId);
    await retireLocalQuestion(client, input.municipalityId, before.questionId);
    const after = await requireQuestion(client, input.municipalityId, before.questionId);
    if (!before.retired)
      await insertAuditEntries(client, [
        auditEntry(input.municipalityId, input.actor, "local_question.retired", after),
      ]);
    return after;
  });
}
