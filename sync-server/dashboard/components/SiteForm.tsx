import { type FormEvent, useState } from "react";
import type { OpeningHours, Weekday } from "../api/types.ts";
import { textsFromWeek, weekdayOrder, weekFromTexts } from "../app/hours-text.ts";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

export type SiteDraft = { name: string; timezone: string; openingHours: OpeningHours };

/** Name, time zone and the week's opening hours; used to add a site and to edit one. */
export function SiteForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: SiteDraft;
  submitLabel: string;
  onSubmit: (site: SiteDraft) => Promise<void>;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initial.name);
  const [timezone, setTimezone] = useState(initial.timezone);
  const [texts, setTexts] = useState(() => textsFromWeek(initial.openingHours));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const openingHours = weekFromTexts(texts);
    if (!openingHours) {
      setMessage({ error: true, text: `${t("openingHours")}: ${t("openingHint")}` });
      return;
    }
    try {
      await onSubmit({ name: name.trim(), timezone: timezone.trim(), openingHours });
      setMessage({ error: false, text: t("saved") });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : t("error") });
    }
  };
  return (
    <form onSubmit={submit} className="form-grid">
      <label>
        {t("name")}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("timezone")}
        <input required value={timezone} onChange={(e) => setTimezone(e.target.value)} />
      </label>
      <p className="muted small full-row">
        {t("openingHours")}: {t("openingHint")}
      </p>
      {weekdayOrder.map((day: Weekday) => (
        <label key={day}>
          {t(`wd_${day}` as MessageKey)}
          <input
            value={texts[day]}
            placeholder={t("openingHint")}
            onChange={(e) => setTexts((all) => ({ ...all, [day]: e.target.value }))}
          />
        </label>
      ))}
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
      {message && (
        <p className={message.error ? "error" : "muted"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
