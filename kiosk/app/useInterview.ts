import { useCallback, useRef, useState } from "react";
import type { QuestionCode } from "../../shared/questionnaire.ts";
import type { Locale } from "../../shared/questionnaire-i18n.ts";
import type { Answers } from "../../shared/response.ts";
import type { KioskDatabase } from "../store/db.ts";
import {
  abandonInterview,
  finishInterview,
  saveAnswer,
  startInterview,
} from "../store/interview.ts";
import type { KioskConfig } from "./config.ts";
import { firstQuestion, nextQuestion } from "./flow.ts";

/** Where a running interview is: its response, the question on screen, and the way back. */
export type InterviewState = {
  responseId: string;
  code: QuestionCode;
  answers: Answers;
  history: QuestionCode[];
};

export type EndReason = "finished" | "abandoned";

/**
 * The interview's state machine. Every step awaits its IndexedDB write before the next screen
 * is shown, and steps run one at a time: a second tap while a write is in flight is ignored,
 * so a double tap can never answer two questions.
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

  const advance = useCallback(
    async (from: InterviewState, answers: Answers) => {
      const next = nextQuestion(from.code, answers);
      if (next) {
        commit({ ...from, answers, code: next, history: [...from.history, from.code] });
        return;
      }
      await finishInterview(db, from.responseId, { config });
      commit(undefined);
      onEnd("finished");
    },
    [commit, config, db, onEnd],
  );

  const start = useCallback(
    (locale: Locale) =>
      run(async () => {
        if (current.current) return;
        const response = await startInterview(db, { locale, config });
        commit({ responseId: response.id, code: firstQuestion(), answers: {}, history: [] });
      }, true),
    [commit, config, db, run],
  );

  /** A single-choice answer: saved, then on to the next question. */
  const answer = useCallback(
    (value: string) =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const answers = await saveAnswer(db, from.responseId, from.code, value);
        await advance(from, answers);
      }, true),
    [advance, db, run],
  );

  /** Multi-choice and free text are saved as the citizen goes, without leaving the screen. */
  const update = useCallback(
    (value: string[] | string) =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const answers = await saveAnswer(db, from.responseId, from.code, value);
        if (current.current?.responseId === from.responseId)
          commit({ ...current.current, answers });
      }, false),
    [commit, db, run],
  );

  const next = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (from) await advance(from, from.answers);
      }, true),
    [advance, run],
  );

  /** Skip: no answer to this question (one given earlier is removed), then on. */
  const skip = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const answers = await saveAnswer(db, from.responseId, from.code, undefined);
        await advance(from, answers);
      }, true),
    [advance, db, run],
  );

  const abandon = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        await abandonInterview(db, from.responseId);
        commit(undefined);
        onEnd("abandoned");
      }, false),
    [commit, db, onEnd, run],
  );

  /** Back from the first question leaves the interview: kept as abandoned, like walking away. */
  const back = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const previous = from.history.at(-1);
        if (!previous) {
          await abandonInterview(db, from.responseId);
          commit(undefined);
          onEnd("abandoned");
          return;
        }
        commit({ ...from, code: previous, history: from.history.slice(0, -1) });
      }, true),
    [commit, db, onEnd, run],
  );

  return { state, start, answer, update, next, skip, back, abandon };
}
