import { useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { askableIn, type SyncedLocalQuestion } from "../../shared/local-questions.ts";
import type { Locale } from "../../shared/locales.ts";
import type { QuestionCode } from "../../shared/questionnaire.ts";
import type { KioskDatabase } from "../store/db.ts";
import {
  abandonInterview,
  finishInterview,
  type InterviewDraft,
  newInterview,
  saveDraft,
  saveLocalAnswer,
  withDraftAnswer,
  withDraftLocalAnswer,
} from "../store/interview.ts";
import type { KioskConfig } from "./config.ts";
import { answeredCount, firstQuestion, nextQuestion } from "./flow.ts";

/** Where a running interview is: its response (with the answers stored, core and local), the
 * question on screen, and the way back. */
export type InterviewState = {
  draft: InterviewDraft;
  code: QuestionCode;
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
};

export type EndReason = "finished" | "abandoned";

/**
 * The interview's state machine. A tap's step sends its IndexedDB write first, shows the next
 * screen in the same task, and then waits for the write to commit. Steps run one at a time, and
 * the new screen takes no click until that commit (useSettle.ts drops them until `saved`
 * settles; a navigation step begun meanwhile would be ignored here too). Text typed in that
 * window is lost if the write fails and the screen goes back. Waiting for the commit before
 * rendering put a frame or two (the pressed button's, the write's round trip through a busy main
 * thread) between the tap and the next screen for nothing: a crash in that window loses the tap
 * either way. If the write fails, the screen goes back to where the citizen was, the answer not
 * taken, and they can tap again. A step that leaves the last question writes its answer and the
 * end in one transaction. Taps on the new screen are also held off by its settle time.
 */
export function useInterview(
  db: KioskDatabase,
  config: KioskConfig,
  onEnd: (reason: EndReason) => void,
  /** The end's write failed after the thank-you screen was shown: back to the interview. */
  onEndUndone: () => void,
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

  /**
   * Shows `shown` while `saving` (already sent) commits; then keeps the draft as stored (with
   * its seq after the first answer) for the next step, or on failure shows `from` again. The
   * stored draft differs from the shown one only in what no screen shows, so it goes into the
   * ref the steps read, with no render of its own.
   */
  const showWhileSaving = useCallback(
    async (from: InterviewState, shown: InterviewState, saving: Promise<InterviewDraft>) => {
      show(() => commit(shown));
      try {
        const draft = await saving;
        const now = current.current;
        if (now && now.draft.id === draft.id) current.current = { ...now, draft };
      } catch (error) {
        if (current.current?.draft.id === from.draft.id) show(() => commit(from));
        throw error;
      }
    },
    [commit, show],
  );

  /** The end, with `changed` (the draft with the last screen's answer) in the same write. */
  const finish = useCallback(
    async (from: InterviewState, changed: InterviewDraft) => {
      const saving = finishInterview(db, changed, { config });
      show(() => {
        commit(undefined);
        onEnd("finished");
      });
      try {
        await saving;
      } catch (error) {
        show(() => {
          commit(from);
          onEndUndone();
        });
        throw error;
      }
    },
    [commit, config, db, onEnd, onEndUndone, show],
  );

  /** Stores `changed` (the draft with this screen's answer) and moves on: to the next question
   * the answers lead to, or after the last core one to the local questions (for a citizen who
   * answered a core one: else nothing is kept), or to the end. */
  const advance = useCallback(
    async (from: InterviewState, changed: InterviewDraft) => {
      const next = nextQuestion(from.code, changed.answers);
      const toLocal = from.local.length > 0 && answeredCount(changed.answers) > 0;
      if (!next && !toLocal) return finish(from, changed);
      // Nothing changed on this screen (Next with nothing typed): nothing to write.
      const saving =
        changed === from.draft ? Promise.resolve(changed) : saveDraft(db, changed, { config });
      await showWhileSaving(
        from,
        next
          ? { ...from, draft: changed, code: next, history: [...from.history, from.code] }
          : { ...from, draft: changed, localStep: 0 },
        saving,
      );
    },
    [config, db, finish, showWhileSaving],
  );

  /** A local question answered (or skipped: undefined), then the next one or the end. */
  const answerLocal = useCallback(
    async (from: InterviewState, step: number, value: string | undefined) => {
      const question = from.local[step];
      if (step + 1 >= from.local.length)
        return finish(
          from,
          question ? withDraftLocalAnswer(from.draft, question.id, value) : from.draft,
        );
      if (!question)
        return showWhileSaving(from, { ...from, localStep: step + 1 }, Promise.resolve(from.draft));
      const changed = withDraftLocalAnswer(from.draft, question.id, value);
      await showWhileSaving(
        from,
        { ...from, draft: changed, localStep: step + 1 },
        saveLocalAnswer(db, from.draft, question.id, value, { config }),
      );
    },
    [config, db, finish, showWhileSaving],
  );

  const start = useCallback(
    (locale: Locale, localQuestions: readonly SyncedLocalQuestion[] = []) =>
      run(async () => {
        if (current.current) return;
        commit({
          draft: newInterview({ locale }),
          code: firstQuestion(),
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
        await advance(from, withDraftAnswer(from.draft, from.code, value));
      }, true),
    [advance, answerLocal, run],
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
        if (from.localStep !== undefined) return answerLocal(from, from.localStep, undefined);
        await advance(from, withDraftAnswer(from.draft, from.code, undefined));
      }, true),
    [advance, answerLocal, run],
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
        if (from.localStep !== undefined) {
          const { localStep, ...rest } = from;
          commit(localStep > 0 ? { ...rest, localStep: localStep - 1 } : rest);
          return;
        }
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

  /** Settles once every step begun so far (and its write) is done: when taps count again. */
  const saved = useCallback((): Promise<unknown> => queue.current, []);

  /** An interview is running (in memory: the ref, not the last render). */
  const inProgress = useCallback(() => current.current !== undefined, []);

  return { state, start, answer, update, type, next, skip, back, abandon, saved, inProgress };
}
