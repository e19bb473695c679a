import { Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { directionOf, type Locale } from "../../shared/locales.ts";
import { danish, type LocaleText, loadLocaleText } from "../i18n/locale-text.ts";
import type { Pwa } from "../pwa/register.ts";
import { IdlePrompt } from "../screens/IdlePrompt.tsx";
import { QuestionScreen } from "../screens/QuestionScreen.tsx";
import { StartScreen } from "../screens/StartScreen.tsx";
import { ThanksScreen } from "../screens/ThanksScreen.tsx";
import type { StaffActions } from "../staff/actions.ts";
import { StaffCorner } from "../staff/StaffCorner.tsx";
import type { KioskDatabase } from "../store/db.ts";
import type { KioskConfig } from "./config.ts";
import { StaffGate, StaffScreen } from "./lazy-staff.ts";
import { useIdle } from "./useIdle.ts";
import { type EndReason, useInterview } from "./useInterview.ts";
import { useSettle } from "./useSettle.ts";

type Mode = "citizen" | "thanks" | "staff-pin" | "staff";

export type AppProps = {
  db: KioskDatabase;
  config: KioskConfig;
  pwa: Pwa;
  staff: StaffActions;
  requestSync: () => void;
  /** A message for staff on the start screen, e.g. the result of enrolment by link. */
  notice?: string | undefined;
};

/** The kiosk: start → one question per screen → thank you → start, plus staff mode. */
export function App(props: AppProps) {
  const { db, config, pwa, requestSync } = props;
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
  const [notice, setNotice] = useState(props.notice);
  useEffect(() => setNotice(props.notice), [props.notice]);

  const onEnd = useCallback(
    (reason: EndReason) => {
      requestSync();
      if (reason === "finished") setMode("thanks");
      else setLocale("da");
    },
    [requestSync, setLocale],
  );
  const interview = useInterview(db, config, onEnd);
  const inInterview = interview.state !== undefined;
  const idle = useIdle(inInterview && mode === "citizen", config, interview.abandon);

  // The next citizen starts in Danish.
  const backToStart = useCallback(() => {
    setLocale("da");
    setMode("citizen");
  }, [setLocale]);
  // Staff mode forgotten open on the counter closes by itself.
  useIdle(mode.startsWith("staff"), { idleMs: config.staffIdleMs, promptMs: 0 }, backToStart);
  // A language picked on the start screen by someone who then walked away: the next citizen
  // finds the kiosk in Danish again.
  const toDanish = useCallback(() => setLocale("da"), [setLocale]);
  const onStartScreen = mode === "citizen" && !inInterview;
  useIdle(onStartScreen && locale !== "da", { idleMs: config.idleMs, promptMs: 0 }, toDanish);

  const prompting = idle.prompting && inInterview && mode === "citizen";
  const screen = `${mode}:${interview.state?.code ?? "start"}${prompting ? ":idle" : ""}`;
  const settleRef = useSettle<HTMLElement>(screen, config.settleMs);

  useEffect(() => {
    document.documentElement.lang = mode.startsWith("staff") ? "da" : locale;
    document.documentElement.dir = mode.startsWith("staff") ? "ltr" : directionOf(locale);
  }, [locale, mode]);

  // Safe update: only on the start screen with no interview in progress.
  const updateWaiting = useSyncExternalStore(pwa.subscribe, pwa.updateWaiting);
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
  const openStaff = useCallback(() => {
    props.staff.pinSet().then((set) => setMode(set ? "staff-pin" : "staff"));
  }, [props.staff]);

  const renderScreen = () => {
    if (mode === "staff-pin")
      return (
        <StaffGate
          checkPin={props.staff.checkPin}
          onOpen={() => setMode("staff")}
          onCancel={backToStart}
        />
      );
    if (mode === "staff") return <StaffScreen actions={props.staff} onExit={backToStart} />;
    if (mode === "thanks")
      return <ThanksScreen t={t} thanksMs={config.thanksMs} onDone={backToStart} />;
    if (interview.state)
      return (
        <QuestionScreen
          text={text}
          code={interview.state.code}
          answers={interview.state.answers}
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
    return (
      <StartScreen
        t={t}
        locale={locale}
        notice={notice}
        onLocale={setLocale}
        onStart={() => {
          setNotice(undefined);
          interview.start(locale);
        }}
      />
    );
  };

  return (
    <main className="kiosk" ref={settleRef}>
      {onStartScreen ? <StaffCorner holdMs={config.longPressMs} onOpen={openStaff} /> : null}
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
