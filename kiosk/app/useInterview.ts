import { useCallback, useRef, useState } from "react";
import { askableIn, type SyncedLocalQuestion } from "../../shared/local-questions.ts";
import type { Locale } from "../../shared/locales.ts";
import type { QuestionCode } from "../../shared/questionnaire.ts";
import type { Answers } from "../../shared/response.ts";
import type { KioskDatabase } from "../store/db.ts";
import {
  abandonInterview,
  finishInterview,
  type InterviewDraft,
  newInterview,
  saveAnswer,
  saveLocalAnswer,
} from "../store/interview.ts";
import type { KioskConfig } from "./config.ts";
import { answeredCount, firstQuestion, nextQuestion } from "./flow.ts";

/** Where a running interview is: its response, the question on screen, and the way back. */
export type InterviewState = {
  draft: InterviewDraft;
  code: QuestionCode;
  answers: Answers;
  history: QuestionCode[];
  /** Comment text typed but not yet sent with "Næste": kept only in memory, so the words of a
   * citizen who walked away mid-sentence are never stored. */
  unsentText?: { code: QuestionCode; text: string };
  /** The site's local questions this citizen can be asked (those translated into their
   * language), fixed at Start: a sync mid-interview changes nothing. */
  local: readonly SyncedLocalQuestion[];
  /** Set while on local question `localStep`; `code` stays the last core question, where
   * Back from the first local question returns. */
  localStep?: number;
  /** The local answers given so far (version id → code), shown as chosen on coming back. */
  localAnswers?: ReadonlyMap<string, string>;
};

export type EndReason = "finished" | "abandoned";

/**
 * The interview's state machine. Every step awaits its IndexedDB write before the next screen
 * is shown, and steps run one at a time: a second tap while a write is in flight is ignored.
 * Taps after the write, on the new screen, are held off by its settle time (useSettle.ts).
 */
export function useInterview(
  db: KioskDatabase,
  config: KioskConfig,
  onEnd: (reason: EndReason) => void,
) {
  const [state, setState] = useState<InterviewState | undefined>();
  const current = useRef<InterviewState | undefined>(undefined);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const navigating = useRef(false);

  const commit = useCallback((next: InterviewState | undefined) => {
    current.current = next;
    setState(next);
  }, []);

  /** Runs writes in order; `navigation` steps also block further taps until they are done. */
  const run = useCallback((step: () => Promise<void>, navigation: boolean) => {
    if (navigation) {
      if (navigating.current) return;
      navigating.current = true;
    }
    const done = queue.current.then(step).catch((error: unknown) => {
      console.error("kiosk: interview step failed", error);
    });
    queue.current = done.finally(() => {
      if (navigation) navigating.current = false;
    });
  }, []);

  const finish = useCallback(
    async (from: InterviewState) => {
      await finishInterview(db, from.draft.id, { config });
      commit(undefined);
      onEnd("finished");
    },
    [commit, config, db, onEnd],
  );

  const advance = useCallback(
    async (from: InterviewState, answers: Answers) => {
      const next = nextQuestion(from.code, answers);
      if (next) {
        commit({ ...from, answers, code: next, history: [...from.history, from.code] });
        return;
      }
      // The local questions follow, for a citizen who answered a core one (else nothing is kept).
      if (from.local.length > 0 && answeredCount(answers) > 0) {
        commit({ ...from, answers, localStep: 0 });
        return;
      }
      await finish(from);
    },
    [commit, finish],
  );

  /** A local question answered (or skipped: undefined), then the next one or the end. */
  const answerLocal = useCallback(
    async (from: InterviewState, step: number, value: string | undefined) => {
      const question = from.local[step];
      const localAnswers = new Map(from.localAnswers);
      if (question) {
        await saveLocalAnswer(db, from.draft, question.id, value);
        if (value === undefined) localAnswers.delete(question.id);
        else localAnswers.set(question.id, value);
      }
      if (step + 1 < from.local.length) commit({ ...from, localStep: step + 1, localAnswers });
      else await finish(from);
    },
    [commit, db, finish],
  );

  const start = useCallback(
    (locale: Locale, localQuestions: readonly SyncedLocalQuestion[] = []) =>
      run(async () => {
        if (current.current) return;
        commit({
          draft: newInterview({ locale }),
          code: firstQuestion(),
          answers: {},
          history: [],
          local: localQuestions.filter((question) => askableIn(question, locale)),
        });
      }, true),
    [commit, run],
  );

  /** A single-choice answer: saved, then on to the next question. */
  const answer = useCallback(
    (value: string) =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        if (from.localStep !== undefined) return answerLocal(from, from.localStep, value);
        const answers = await saveAnswer(db, from.draft, from.code, value);
        await advance(from, answers);
      }, true),
    [advance, answerLocal, db, run],
  );

  /** Multi-choice answers are saved as the citizen goes, without leaving the screen. */
  const update = useCallback(
    (value: string[] | string) =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const answers = await saveAnswer(db, from.draft, from.code, value);
        if (current.current?.draft.id === from.draft.id) commit({ ...current.current, answers });
      }, false),
    [commit, db, run],
  );

  /** The comment as it is typed: on screen only, until "Næste" sends it. */
  const type = useCallback(
    (text: string) => {
      const now = current.current;
      if (now) commit({ ...now, unsentText: { code: now.code, text } });
    },
    [commit],
  );

  /** On: the comment typed here (if any) is saved first. */
  const next = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const typed = from.unsentText?.code === from.code ? from.unsentText.text : undefined;
        const answers =
          typed === undefined ? from.answers : await saveAnswer(db, from.draft, from.code, typed);
        await advance(from, answers);
      }, true),
    [advance, db, run],
  );

  /** Skip: no answer to this question (one given earlier is removed), then on. */
  const skip = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        if (from.localStep !== undefined) return answerLocal(from, from.localStep, undefined);
        const answers = await saveAnswer(db, from.draft, from.code, undefined);
        await advance(from, answers);
      }, true),
    [advance, answerLocal, db, run],
  );

  const abandon = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        await abandonInterview(db, from.draft.id, { config });
        commit(undefined);
        onEnd("abandoned");
      }, false),
    [commit, config, db, onEnd, run],
  );

  /** Back from the first question leaves the interview: kept as abandoned (if anything was
   * answered), like walking away. */
  const back = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        if (from.localStep !== undefined) {
          const { localStep, ...rest } = from;
          commit(localStep > 0 ? { ...rest, localStep: localStep - 1 } : rest);
          return;
        }
        const previous = from.history.at(-1);
        if (!previous) {
          await abandonInterview(db, from.draft.id, { config });
          commit(undefined);
          onEnd("abandoned");
          return;
        }
        commit({ ...from, code: previous, history: from.history.slice(0, -1) });
      }, true),
    [commit, config, db, onEnd, run],
  );

  return { state, start, answer, update, type, next, skip, back, abandon };
}
