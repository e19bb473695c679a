import { type FormEvent, useState } from "react";
import {
  type KioskSettings,
  type KioskTiming,
  kioskSettingDefaults,
  kioskTimingBounds,
} from "../../../shared/kiosk-settings.ts";
import { type Locale, locales } from "../../../shared/questionnaire-i18n.ts";
import { changeKioskSettings, getKioskSettings } from "../api/admin.ts";
import type { SiteKioskSettings } from "../api/types.ts";
import { useResource } from "../app/useResource.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { Status } from "./Status.tsx";

/** Each timing as admins think of it: seconds, except the settle time (a fraction of one). */
const timingFields: { key: KioskTiming; label: MessageKey; unitMs: number }[] = [
  { key: "idleMs", label: "idleSeconds", unitMs: 1000 },
  { key: "promptMs", label: "promptSeconds", unitMs: 1000 },
  { key: "thanksMs", label: "thanksSeconds", unitMs: 1000 },
  { key: "settleMs", label: "settleMs", unitMs: 1 },
];

function textsOf(settings: SiteKioskSettings): Record<string, string> {
  return Object.fromEntries(
    timingFields.map(({ key, unitMs }) => {
      const chosen = settings.chosen[key];
      return [key, chosen === undefined ? "" : String(chosen / unitMs)];
    }),
  );
}

type Change = { [K in keyof KioskSettings]?: KioskSettings[K] | null };

function Fields({ siteId, initial }: { siteId: string; initial: SiteKioskSettings }) {
  const { t, lang } = useI18n();
  const names = new Intl.DisplayNames([lang], { type: "language" });
  const [texts, setTexts] = useState(() => textsOf(initial));
  const [languages, setLanguages] = useState<readonly Locale[]>(initial.effective.languages);
  const [sleep, setSleep] = useState(initial.effective.sleepOutsideHours);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const save = async (change: Change & { reset?: boolean }) => {
    try {
      const saved = await changeKioskSettings(siteId, change);
      // What the server stored, so the form shows it (after a reset: the defaults).
      setTexts(textsOf(saved));
      setLanguages(saved.effective.languages);
      setSleep(saved.effective.sleepOutsideHours);
      setMessage({ error: false, text: `${t("saved")} ${t("settingsVersion")} ${saved.version}.` });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : t("error") });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const change: Change = {};
    for (const { key, unitMs } of timingFields) {
      const text = (texts[key] ?? "").trim().replace(",", ".");
      change[key] = text === "" ? null : Math.round(Number(text) * unitMs);
    }
    const allLanguages = languages.length === locales.length;
    change.languages = allLanguages ? null : locales.filter((code) => languages.includes(code));
    change.sleepOutsideHours = sleep === kioskSettingDefaults.sleepOutsideHours ? null : sleep;
    void save(change);
  };

  return (
    <form onSubmit={submit} className="form-grid" data-kiosk-settings={siteId}>
      <p className="muted small full-row">{t("kioskSettingsHint")}</p>
      {timingFields.map(({ key, label, unitMs }) => {
        const [min, max] = kioskTimingBounds[key];
        return (
          <label key={key}>
            {`${t(label)} (${min / unitMs}–${max / unitMs})`}
            <input
              name={key}
              inputMode="decimal"
              value={texts[key] ?? ""}
              placeholder={`${t("defaultValue")}: ${kioskSettingDefaults[key] / unitMs}`}
              onChange={(e) => setTexts((all) => ({ ...all, [key]: e.target.value }))}
            />
          </label>
        );
      })}
      <fieldset className="full-row">
        <legend>{t("languagesOffered")}</legend>
        {locales.map((code) => (
          <label key={code} className="inline">
            <input
              type="checkbox"
              name={`language-${code}`}
              checked={languages.includes(code)}
              // Danish is the questionnaire's own language: always offered, always first.
              disabled={code === "da"}
              onChange={(e) =>
                setLanguages((all) =>
                  e.target.checked ? [...all, code] : all.filter((other) => other !== code),
                )
              }
            />{" "}
            <span lang={code}>{names.of(code) ?? code}</span>
          </label>
        ))}
      </fieldset>
      <label className="inline full-row">
        <input
          type="checkbox"
          name="sleepOutsideHours"
          checked={sleep}
          onChange={(e) => setSleep(e.target.checked)}
        />{" "}
        {t("sleepOutsideHours")}
      </label>
      <div>
        <button type="submit">{t("saveKioskSettings")}</button>{" "}
        <button type="button" className="secondary" onClick={() => void save({ reset: true })}>
          {t("resetDefaults")}
        </button>
      </div>
      {message && (
        <p className={message.error ? "error" : "muted"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** A site's central kiosk settings (idle, prompt, thanks, settle, languages, sleep screen). */
export function KioskSettingsForm({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const settings = useResource(() => getKioskSettings(siteId), `kiosk-settings-${siteId}`, 0);
  return (
    <details className="kiosk-settings">
      <summary>{t("kioskSettings")}</summary>
      <Status resource={settings} />
      {settings.data && <Fields siteId={siteId} initial={settings.data} />}
    </details>
  );
}
