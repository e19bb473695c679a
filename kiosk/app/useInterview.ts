import { useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { Locale } from "../../shared/locales.ts";
import type { QuestionCode } from "../../shared/questionnaire.ts";
import type { KioskDatabase } from "../store/db.ts";
import {
  abandonInterview,
  finishInterview,
  type InterviewDraft,
  newInterview,
  saveDraft,
  withDraftAnswer,
} from "../store/interview.ts";
import type { KioskConfig } from "./config.ts";
import { firstQuestion, nextQuestion } from "./flow.ts";

/** Where a running interview is: its response (with the answers stored), the question on
 * screen, and the way back. */
export type InterviewState = {
  draft: InterviewDraft;
  code: QuestionCode;
  history: QuestionCode[];
  /** Comment text typed but not yet sent with "Næste": kept only in memory, so the words of a
   * citizen who walked away mid-sentence are never stored. */
  unsentText?: { code: QuestionCode; text: string };
};

export type EndReason = "finished" | "abandoned";

/**
 * The interview's state machine. Every step awaits its IndexedDB write before the next screen
 * is shown, and steps run one at a time: a second tap while a write is in flight is ignored.
 * A step that leaves the last question writes its answer and the end in one transaction.
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
  /**
   * Shows the screen a step leads to at once, in the task where its write completed: left to
   * React's scheduler it would wait for a task of its own, and a frame could be painted in
   * between with the old screen still on. One call per step, so its updates land together.
   */
  const show = useCallback((updates: () => void) => flushSync(updates), []);

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

  /** Stores `changed` (the draft with this screen's answer) and moves on: to the next question
   * the answers lead to, or, after the last, to the end. */
  const advance = useCallback(
    async (from: InterviewState, changed: InterviewDraft) => {
      const next = nextQuestion(from.code, changed.answers);
      if (next) {
        // Nothing changed on this screen (Next with nothing typed): nothing to write.
        const draft = changed === from.draft ? changed : await saveDraft(db, changed, { config });
        show(() => commit({ ...from, draft, code: next, history: [...from.history, from.code] }));
        return;
      }
      await finishInterview(db, changed, { config });
      show(() => {
        commit(undefined);
        onEnd("finished");
      });
    },
    [commit, config, db, onEnd, show],
  );

  const start = useCallback(
    (locale: Locale) =>
      run(async () => {
        if (current.current) return;
        commit({
          draft: newInterview({ locale }),
          code: firstQuestion(),
          history: [],
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
        await advance(from, withDraftAnswer(from.draft, from.code, value));
      }, true),
    [advance, run],
  );

  /** Multi-choice answers are saved as the citizen goes, without leaving the screen. */
  const update = useCallback(
    (value: string[] | string) =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        const draft = await saveDraft(db, withDraftAnswer(from.draft, from.code, value), {
          config,
        });
        if (current.current?.draft.id === from.draft.id) commit({ ...current.current, draft });
      }, false),
    [commit, config, db, run],
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
        await advance(
          from,
          typed === undefined ? from.draft : withDraftAnswer(from.draft, from.code, typed),
        );
      }, true),
    [advance, run],
  );

  /** Skip: no answer to this question (one given earlier is removed), then on. */
  const skip = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        await advance(from, withDraftAnswer(from.draft, from.code, undefined));
      }, true),
    [advance, run],
  );

  const abandon = useCallback(
    () =>
      run(async () => {
        const from = current.current;
        if (!from) return;
        await abandonInterview(db, from.draft, { config });
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
        const previous = from.history.at(-1);
        if (!previous) {
          await abandonInterview(db, from.draft, { config });
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
