import { Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { directionOf, type Locale } from "../../shared/locales.ts";
import { danish, type LocaleText, loadLocaleText } from "../i18n/locale-text.ts";
import type { Pwa } from "../pwa/register.ts";
import { IdlePrompt } from "../screens/IdlePrompt.tsx";
import { LocalQuestionScreen } from "../screens/LocalQuestionScreen.tsx";
import { QuestionScreen } from "../screens/QuestionScreen.tsx";
import { StartScreen } from "../screens/StartScreen.tsx";
import { ThanksScreen } from "../screens/ThanksScreen.tsx";
import type { SettingsSource } from "../services/kiosk-settings.ts";
import type { StaffActions } from "../staff/actions.ts";
import { StaffCorner } from "../staff/StaffCorner.tsx";
import { useStaffMode } from "../staff/useStaffMode.ts";
import type { KioskDatabase } from "../store/db.ts";
import { progress } from "./flow.ts";
import { SleepScreen, StaffMode } from "./lazy-screens.ts";
import { useAppliedSettings } from "./useAppliedSettings.ts";
import { useIdle } from "./useIdle.ts";
import { type EndReason, useInterview } from "./useInterview.ts";
import { useSettle } from "./useSettle.ts";
import { useSleeping } from "./useSleeping.ts";

type Mode = "citizen" | "thanks";

export type AppProps = {
  db: KioskDatabase;
  /** Defaults, the site's central settings and the localStorage override (services/). */
  settings: SettingsSource;
  pwa: Pwa;
  staff: StaffActions;
  requestSync: () => void;
  /** From an enrolment link (`?enroll=`): staff mode enrols with it, after the PIN if one is set. */
  enrolToken?: string | undefined;
};

/** The kiosk: start → one question per screen → thank you → start, plus staff mode. */
export function App(props: AppProps) {
  const { db, pwa, requestSync } = props;
  const [text, setText] = useState<LocaleText>(danish);
  const locale = text.locale;
  // A language shows once its words are loaded (from the service worker's cache: at once); the
  // last one asked for wins.
  const wanted = useRef<Locale>("da");
  const setLocale = useCallback((next: Locale) => {
    wanted.current = next;
    loadLocaleText(next).then(
      (loaded) => {
        if (wanted.current === next) setText(loaded);
      },
      (error: unknown) => console.error(`kiosk: could not load the ${next} texts`, error),
    );
  }, []);
  const [mode, setMode] = useState<Mode>("citizen");
  const staffMode = useStaffMode(props.staff, props.enrolToken);
  const inStaff = staffMode.entry !== undefined;
  const [atStart, setAtStart] = useState(true);
  const settings = useAppliedSettings(props.settings, atStart);
  const { config } = settings;

  const onEnd = useCallback(
    (reason: EndReason) => {
      requestSync();
      if (reason === "finished") setMode("thanks");
      else setLocale("da");
    },
    [requestSync, setLocale],
  );
  const onEndUndone = useCallback(() => setMode("citizen"), []);
  const interview = useInterview(db, config, onEnd, onEndUndone);
  const inInterview = interview.state !== undefined;
  const idle = useIdle(inInterview && mode === "citizen" && !inStaff, config, interview.abandon);

  // The next citizen starts in Danish.
  // Only once the end's write is stored: if it failed, the interview is back on screen (the
  // citizen is told nothing was lost by seeing their question again) and stays there.
  const { saved, inProgress } = interview;
  const backToStart = useCallback(() => {
    void saved().then(() => {
      if (inProgress()) return;
      setLocale("da");
      setMode("citizen");
    });
  }, [saved, inProgress, setLocale]);
  const closeStaff = staffMode.close;
  const leaveStaff = useCallback(() => {
    closeStaff();
    backToStart();
  }, [closeStaff, backToStart]);
  // Staff mode forgotten open on the counter closes by itself (not before a PIN is chosen).
  useIdle(inStaff, { idleMs: config.staffIdleMs, promptMs: 0 }, leaveStaff);
  const onStartScreen = mode === "citizen" && !inInterview && !inStaff && !staffMode.checking;
  // A language picked on the start screen by someone who then walked away: the next citizen
  // finds the kiosk in Danish again.
  const toDanish = useCallback(() => setLocale("da"), [setLocale]);
  useIdle(onStartScreen && locale !== "da", { idleMs: config.idleMs, promptMs: 0 }, toDanish);

  const asleep = useSleeping(settings.sleep);
  const prompting = idle.prompting && inInterview && mode === "citizen" && !inStaff;
  const staffScreen = staffMode.entry ? `staff-${staffMode.entry.id}` : undefined;
  const localStep = interview.state?.localStep;
  const localShown = localStep === undefined ? undefined : interview.state?.local[localStep];
  const citizenScreen = localShown
    ? `local:${localShown.id}`
    : (interview.state?.code ?? (asleep && settings.sleep ? "sleep" : "start"));
  const screen = `${staffScreen ?? mode}:${citizenScreen}${prompting ? ":idle" : ""}`;
  const settleRef = useSettle<HTMLElement>(screen, config.settleMs, interview.saved);

  useEffect(() => {
    document.documentElement.lang = inStaff ? "da" : locale;
    document.documentElement.dir = inStaff ? "ltr" : directionOf(locale);
  }, [locale, inStaff]);

  // Safe update: only on the start screen with no interview in progress.
  const updateWaiting = useSyncExternalStore(pwa.subscribe, pwa.updateWaiting);
  // New central settings wait for the start screen; never mid-interview.
  useEffect(() => setAtStart(onStartScreen), [onStartScreen]);
  // Which central settings are in force, for IT and the tests (they must not change mid-interview).
  useEffect(() => {
    document.documentElement.dataset.settingsVersion = String(settings.version ?? 0);
  }, [settings.version]);
  // … and which local question versions (space-separated ids).
  useEffect(() => {
    document.documentElement.dataset.localQuestions = settings.localQuestions
      .map((question) => question.id)
      .join(" ");
  }, [settings.localQuestions]);
  // A language offered no more falls back to Danish.
  useEffect(() => {
    if (!settings.languages.includes(locale) && !inInterview) setLocale("da");
  }, [settings.languages, locale, inInterview, setLocale]);
  useEffect(() => {
    if (onStartScreen && updateWaiting) pwa.apply();
  }, [onStartScreen, updateWaiting, pwa]);
  useEffect(() => {
    if (!onStartScreen) return;
    pwa.checkForUpdate();
    const timer = window.setInterval(() => pwa.checkForUpdate(), config.updateCheckMs);
    return () => window.clearInterval(timer);
  }, [onStartScreen, pwa, config.updateCheckMs]);

  const t = text.ui;

  const renderScreen = () => {
    if (staffMode.entry)
      return (
        <StaffMode
          key={staffMode.entry.id}
          actions={props.staff}
          entry={staffMode.entry}
          onExit={leaveStaff}
        />
      );
    if (staffMode.checking) return <section className="screen" data-screen="loading" />;
    if (mode === "thanks")
      return <ThanksScreen t={t} thanksMs={config.thanksMs} onDone={backToStart} />;
    if (interview.state && localShown && localStep !== undefined) {
      const coreSteps = progress(interview.state.code, interview.state.draft.answers).step;
      return (
        <LocalQuestionScreen
          t={t}
          locale={locale}
          question={localShown}
          chosen={interview.state.draft.local.get(localShown.id)}
          step={coreSteps + localStep + 1}
          total={coreSteps + interview.state.local.length}
          onAnswer={interview.answer}
          onSkip={interview.skip}
          onBack={interview.back}
        />
      );
    }
    if (interview.state)
      return (
        <QuestionScreen
          localCount={interview.state.local.length}
          text={text}
          code={interview.state.code}
          answers={interview.state.draft.answers}
          unsentText={
            interview.state.unsentText?.code === interview.state.code
              ? interview.state.unsentText.text
              : undefined
          }
          onAnswer={interview.answer}
          onUpdate={interview.update}
          onType={interview.type}
          onNext={interview.next}
          onSkip={interview.skip}
          onBack={interview.back}
        />
      );
    if (asleep && settings.sleep) return <SleepScreen {...settings.sleep} />;
    return (
      <StartScreen
        t={t}
        locale={locale}
        languages={settings.languages}
        notice={staffMode.enrolled === false ? "Ikke tilmeldt" : undefined}
        onLocale={setLocale}
        onStart={() => interview.start(locale, settings.localQuestions)}
      />
    );
  };

  return (
    <main className="kiosk" ref={settleRef}>
      {onStartScreen ? (
        <StaffCorner holdMs={config.longPressMs} onOpen={staffMode.openFromCorner} />
      ) : null}
      <Suspense fallback={null}>{renderScreen()}</Suspense>
      {prompting ? (
        <IdlePrompt
          t={t}
          locale={locale}
          secondsLeft={idle.secondsLeft}
          onContinue={idle.stillHere}
        />
      ) : null}
    </main>
  );
}
