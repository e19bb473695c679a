import type {
  LocalBreakdownReply,
  LocalQuestionsReply,
} from "../../../shared/local-breakdown-contract.ts";
import type { LocalQuestionDraft, LocalQuestionView } from "../../../shared/local-questions.ts";
import { getJson, sendJson } from "./http.ts";
import type { Range, Scope } from "./types.ts";

/** Local questions: the breakdown page's reads (everyone) and the admin page's changes. */

export const fetchLocalVersions = () => getJson<LocalQuestionsReply>("dashboard/local-questions");
export const fetchLocalBreakdown = (scope: Scope, range: Range, question: string) =>
  getJson<LocalBreakdownReply>("dashboard/local-breakdown", { ...scope, ...range, question });

export const listLocalQuestions = () =>
  getJson<{ questions: LocalQuestionView[] }>("admin/local-questions");
export const addLocalQuestion = (
  question: LocalQuestionDraft & { code: string; siteId: string | null },
) => sendJson<LocalQuestionView>("POST", "admin/local-questions", question);
export const changeLocalQuestion = (questionId: string, draft: LocalQuestionDraft) =>
  sendJson<LocalQuestionView>(
    "PUT",
    `admin/local-questions/${encodeURIComponent(questionId)}`,
    draft,
  );
export const retireLocalQuestion = (questionId: string) =>
  sendJson<LocalQuestionView>(
    "POST",
    `admin/local-questions/${encodeURIComponent(questionId)}/retire`,
  );
