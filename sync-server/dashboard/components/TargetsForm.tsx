import { type FormEvent, useState } from "react";
import { fetchTargets, putTarget } from "../api/targets.ts";
import { type HeadlineCode, headlineCodes } from "../api/types.ts";
import { useResource } from "../app/useResource.ts";
import { useI18n } from "../i18n/index.tsx";

/**
 * The targets of one scope (a site, or the whole municipality when `siteId` is null), one
 * percentage per headline; an empty field removes the target. Shown to admins and chiefs.
 */
export function TargetsForm({
  siteId,
  scopeName,
  onSaved,
}: {
  siteId: string | null;
  scopeName: string;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const targets = useResource(fetchTargets, `${siteId}`, round);
  const current = (code: HeadlineCode) =>
    targets.data?.targets.find((row) => row.siteId === siteId && row.headline === code)?.percent;
  const [edits, setEdits] = useState<Partial<Record<HeadlineCode, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fieldText = (code: HeadlineCode) => edits[code] ?? String(current(code) ?? "");
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      for (const code of headlineCodes) {
        const text = edits[code];
        if (text === undefined) continue;
        const percent = text.trim() === "" ? null : Number(text.replace(",", "."));
        await putTarget({ siteId, headline: code, percent });
      }
      setEdits({});
      setRound((r) => r + 1);
      setMessage({ ok: true, text: t("saved") });
      onSaved();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <details className="card targets-form">
      <summary>
        {t("setTargets")}: {scopeName}
      </summary>
      <form className="form-grid" onSubmit={save}>
        {headlineCodes.map((code) => (
          <label key={code}>
            {t(`h_${code}`)} (%)
            <input
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step={0.1}
              value={fieldText(code)}
              onChange={(event) => setEdits((e) => ({ ...e, [code]: event.target.value }))}
            />
          </label>
        ))}
        <div>
          <button type="submit">{t("save")}</button>
        </div>
      </form>
      <p className="muted small">{t("targetsHint")}</p>
      {message && (
        <p className={message.ok ? "ok" : "error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </details>
  );
}
