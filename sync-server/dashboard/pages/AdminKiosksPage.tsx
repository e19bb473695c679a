import { type FormEvent, useState } from "react";
import { addKiosk, issueRecoveryCode, listKiosks, listSites, revokeKiosk } from "../api/admin.ts";
import type { NewKiosk, RecoveryCode } from "../api/types.ts";
import { formatDateTime } from "../app/format.ts";
import { useResource } from "../app/useResource.ts";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

/** The enrolment link and QR code, shown once: the token behind it is stored only hashed. */
function EnrolOnce({ kiosk, onDone }: { kiosk: NewKiosk; onDone: () => void }) {
  const { t } = useI18n();
  // An <img> of the server's SVG: it cannot run script, unlike SVG markup put into the page.
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(kiosk.enrollQrSvg)}`;
  return (
    <div className="once" role="status">
      <p>{t("enrollOnce")}</p>
      <img className="qr" src={qr} alt={t("enrollQr")} />
      <p>
        {t("enrollLink")}: <code data-testid="enroll-url">{kiosk.enrollUrl}</code>
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        {t("hide")}
      </button>
    </div>
  );
}

/** A forgotten staff PIN's way back: a one-time code the kiosk checks offline. */
function RecoveryOnce({
  code,
  kioskName,
  onDone,
}: {
  code: RecoveryCode;
  kioskName: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="once" role="status">
      <p>
        {t("recoveryCodeFor")} {kioskName}:{" "}
        <code className="big-code" data-testid="recovery-code">
          {code.code}
        </code>
      </p>
      <p className="muted small">{t("recoveryCodeHint")}</p>
      <button type="button" className="secondary" onClick={onDone}>
        {t("hide")}
      </button>
    </div>
  );
}

/** Admin: add a kiosk (enrolment link + QR once), see all kiosks, revoke one. */
export function AdminKiosksPage() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const kiosks = useResource(listKiosks, "kiosks", version);
  const sites = useResource(listSites, "sites", 0);
  const [siteId, setSiteId] = useState("");
  const [name, setName] = useState("");
  const [created, setCreated] = useState<NewKiosk | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<RecoveryCode | null>(null);
  const siteName = (id: string) => sites.data?.sites.find((s) => s.id === id)?.name ?? "";
  const chosenSite = siteId || sites.data?.sites[0]?.id || "";

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await addKiosk({ siteId: chosenSite, name: name.trim() || undefined }));
      setName("");
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const recover = async (id: string) => {
    if (!window.confirm(t("confirmRecovery"))) return;
    setError(null);
    try {
      setRecovery(await issueRecoveryCode(id));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const kioskName = (id: string) => kiosks.data?.kiosks.find((k) => k.id === id)?.name ?? "";
  const revoke = async (id: string) => {
    if (!window.confirm(t("confirmRevoke"))) return;
    await revokeKiosk(id);
    setVersion((v) => v + 1);
  };
  return (
    <>
      <h1>{t("adminKiosksTitle")}</h1>
      <section className="card" aria-labelledby="add-kiosk-h">
        <h2 id="add-kiosk-h">{t("addKiosk")}</h2>
        <form className="form-grid" onSubmit={add}>
          <label>
            {t("site")}
            <select value={chosenSite} onChange={(e) => setSiteId(e.target.value)}>
              {sites.data?.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("name")}
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <div>
            <button type="submit" disabled={!chosenSite}>
              {t("addKiosk")}
            </button>
          </div>
        </form>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {created && <EnrolOnce kiosk={created} onDone={() => setCreated(null)} />}
      </section>
      {recovery && (
        <RecoveryOnce
          code={recovery}
          kioskName={kioskName(recovery.kioskId)}
          onDone={() => setRecovery(null)}
        />
      )}
      <Status resource={kiosks} />
      {kiosks.data && (
        <ScrollTable label={t("nav_adminKiosks")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("kiosk")}</th>
                <th scope="col">{t("site")}</th>
                <th scope="col">{t("created")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {kiosks.data.kiosks.map((kiosk) => (
                <tr key={kiosk.id}>
                  <th scope="row">{kiosk.name}</th>
                  <td>{siteName(kiosk.siteId)}</td>
                  <td>{formatDateTime(kiosk.createdAt, lang)}</td>
                  <td>
                    {kiosk.revokedAt ? (
                      <span className="badge revoked">{t("revoked")}</span>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="secondary"
                          data-recover={kiosk.id}
                          onClick={() => recover(kiosk.id)}
                        >
                          {t("recoveryCode")} <span className="visually-hidden">{kiosk.name}</span>
                        </button>{" "}
                        <button type="button" className="danger" onClick={() => revoke(kiosk.id)}>
                          {t("revoke")} <span className="visually-hidden">{kiosk.name}</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
