import { questionnaireVersion } from "../../shared/questionnaire.ts";
import type { KioskStatus } from "../store/meta.ts";

const dateTime = new Intl.DateTimeFormat("da-DK", { dateStyle: "short", timeStyle: "medium" });

function when(iso: string | undefined): string {
  if (!iso) return "aldrig";
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dateTime.format(at);
}

function clockOffset(ms: number | undefined): string {
  if (ms === undefined) return "ukendt (ingen synkronisering endnu)";
  const seconds = Math.round(ms / 1000);
  if (seconds === 0) return "under 1 sekund";
  return `${Math.abs(seconds)} s ${seconds > 0 ? "bagud i forhold til" : "foran"} serveren`;
}

/** The tablet's state at a glance, for staff and municipal IT. */
export function StaffStatus(props: { status: KioskStatus | undefined }) {
  const s = props.status;
  if (!s) return <p>Henter status …</p>;
  const rows: [string, string][] = [
    ["Tilmeldt", s.enrolment ? `${s.enrolment.name} (${s.enrolment.serverUrl})` : "nej"],
    ["Svar der venter på at blive sendt", String(s.waiting)],
    ["Interview i gang", String(s.inProgress)],
    ["Afviste svar (i karantæne)", String(s.rejected)],
    [
      "Sidste synkronisering",
      s.lastSync
        ? `${when(s.lastSync.at)}: ${s.lastSync.ok ? "lykkedes" : "fejlede"}${s.lastSync.message ? ` – ${s.lastSync.message}` : ""} (modtaget ${s.lastSync.accepted}, dubletter ${s.lastSync.duplicates}, afvist ${s.lastSync.rejected})`
        : "aldrig",
    ],
    [
      "Varig lagring",
      s.storagePersisted === undefined
        ? "ukendt"
        : s.storagePersisted
          ? "ja"
          : "nej – browseren kan slette data ved pladsmangel",
    ],
    ["App-version", `${__KIOSK_VERSION__} (bygget ${__KIOSK_BUILD__})`],
    ["Spørgeskema-version", String(questionnaireVersion)],
    ["Urets afvigelse", clockOffset(s.clockOffsetMs)],
    ["Staff-PIN", s.pinSet ? "sat" : "ikke sat"],
    [
      "Centrale indstillinger",
      s.settingsVersion === undefined
        ? "standard (ingen modtaget endnu)"
        : `version ${s.settingsVersion} (bruges fra næste startskærm)`,
    ],
  ];
  return (
    <dl className="status" data-staff-status="">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
