import { useEffect, useState } from "react";
import { type AuditEntry, listAudit } from "../api/access.ts";
import { formatDateTime } from "../app/format.ts";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

const filters: { prefix: string; label: MessageKey }[] = [
  { prefix: "", label: "auditAll" },
  { prefix: "login.", label: "audit_login" },
  { prefix: "login.failed", label: "audit_login_failed" },
  { prefix: "sso.", label: "audit_sso" },
  { prefix: "token.", label: "audit_token" },
  { prefix: "kiosk.", label: "audit_kiosk" },
  { prefix: "user.", label: "audit_user" },
  { prefix: "password.", label: "audit_password" },
  { prefix: "export.", label: "audit_export" },
];

/** Admin: the municipality's audit log, newest first, filtered by kind, a page at a time. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState("");
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);

  const load = async (before: string | undefined, append: boolean) => {
    setState("loading");
    try {
      const page = await listAudit({ ...(filter ? { action: filter } : {}), before });
      setEntries((shown) => (append ? [...shown, ...page.entries] : page.entries));
      setNext(page.nextBefore);
      setState("ready");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
      setState("error");
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads when the filter changes only.
  useEffect(() => {
    void load(undefined, false);
  }, [filter]);

  return (
    <>
      <h1>{t("auditTitle")}</h1>
      <p className="muted">{t("auditIntro")}</p>
      <label>
        {t("auditFilter")}{" "}
        <select value={filter} onChange={(e) => setFilter(e.target.value)}>
          {filters.map((f) => (
            <option key={f.prefix} value={f.prefix}>
              {t(f.label)}
            </option>
          ))}
        </select>
      </label>
      {state === "error" && (
        <p className="status error" role="alert">
          {t("error")}: {error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {state === "loading" ? t("loading") : ""}
      </p>
      {state !== "loading" && entries.length === 0 && <p>{t("noEntries")}</p>}
      {entries.length > 0 && (
        <ScrollTable label={t("auditTitle")}>
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("who")}</th>
                <th scope="col">{t("what")}</th>
                <th scope="col">{t("auditTarget")}</th>
                <th scope="col">{t("address")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at, lang)}</td>
                  <td>{entry.actorLabel ?? entry.actorKind}</td>
                  <th scope="row">
                    <code>{entry.action}</code>
                  </th>
                  <td>{entry.targetId ?? ""}</td>
                  <td>{entry.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {next && (
        <button
          type="button"
          className="secondary"
          disabled={state === "loading"}
          onClick={() => load(next, true)}
        >
          {t("loadMore")}
        </button>
      )}
    </>
  );
}
