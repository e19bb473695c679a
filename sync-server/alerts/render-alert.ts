import { wordsFor } from "../digest/digest-words.ts";
import { escapeHtml, type RenderedMail } from "../digest/render-digest.ts";
import type { AlertEpisode } from "../queries/alert-episodes.ts";
import type { NotificationLanguage } from "../queries/digest-subscriptions.ts";

/** When, on the site's wall clock: "2026-11-23 10:15". */
function wallClock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    dateStyle: "short",
    timeStyle: "short",
  }).format(at);
}

/** What an alert is about: the kiosk's name, or the headline's. */
function subjectName(episode: AlertEpisode, language: NotificationLanguage): string {
  const words = wordsFor(language);
  const kiosk = episode.details.kiosk;
  if (typeof kiosk === "string") return kiosk;
  return Object.hasOwn(words.headline, episode.subject)
    ? words.headline[episode.subject as keyof typeof words.headline]
    : episode.subject;
}

export type AlertMessage = RenderedMail & { webhook: Record<string, unknown> };

/** One alert episode's opening or clearing, as a mail and as a webhook body. */
export function renderAlert(
  episode: AlertEpisode,
  event: "opened" | "cleared",
  context: {
    siteName: string;
    timeZone: string;
    language: NotificationLanguage;
    publicUrl: string;
  },
): AlertMessage {
  const w = wordsFor(context.language);
  const what = w.alertKind[episode.kind] ?? episode.kind;
  const who = `${context.siteName} · ${subjectName(episode, context.language)}`;
  const status = event === "opened" ? w.alertOpened : w.alertCleared;
  const since = w.alertSince(wallClock(episode.openedAt, context.timeZone));
  const cleared = episode.clearedAt
    ? w.alertClearedAt(wallClock(episode.clearedAt, context.timeZone))
    : "";
  const link =
    episode.kind === "spc_signal"
      ? `${context.publicUrl}/dashboard/udvikling?site=${episode.siteId}&period=90&by=week`
      : `${context.publicUrl}/dashboard/kiosker?site=${episode.siteId}`;
  const subject = `Borgerpuls ${status.toLowerCase()}: ${what} – ${who}`;
  const lines = [`${status}: ${what}`, who, [since, cleared].filter(Boolean).join(", "), link];
  const html = `<!DOCTYPE html><html lang="${context.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1b1b1b">
<h1 style="font-size:20px">${escapeHtml(status)}: ${escapeHtml(what)}</h1>
<p>${escapeHtml(who)}<br>${escapeHtml([since, cleared].filter(Boolean).join(", "))}</p>
<p><a href="${escapeHtml(link)}" style="color:#0b5cad">${escapeHtml(w.openDashboard)}</a></p>
</body></html>`;
  return {
    subject,
    html,
    text: lines.join("\n"),
    webhook: {
      text: `${subject} (${[since, cleared].filter(Boolean).join(", ")}) ${link}`,
      event,
      kind: episode.kind,
      siteId: episode.siteId,
      site: context.siteName,
      subject: episode.subject,
      openedAt: episode.openedAt.toISOString(),
      clearedAt: episode.clearedAt?.toISOString() ?? null,
      details: episode.details,
      link,
    },
  };
}
