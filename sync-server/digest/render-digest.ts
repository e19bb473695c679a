import { type HeadlineCode, headlineCodes } from "../../shared/headlines.ts";
import type { Headline, TodayFigure } from "../../shared/report-contract.ts";
import type { NotificationLanguage } from "../queries/digest-subscriptions.ts";
import type { DigestData } from "./build-digest.ts";
import { decimal, longDate, type NotificationWords, wordsFor } from "./digest-words.ts";

export type RenderedMail = { subject: string; html: string; text: string };

/** The dashboard pages a digest links to (slugs of dashboard/app/router.ts; a test checks). */
export function digestLinks(publicUrl: string, data: Pick<DigestData, "period">) {
  const base = `${publicUrl}/dashboard/`;
  const to = data.period.to;
  return {
    today: `${base}?date=${to}`,
    trends: `${base}udvikling?date=${to}&period=90&by=week`,
    kiosks: `${base}kiosker`,
    comments: `${base}kommentarer?date=${to}`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );
}

type Cell = { text: string; note: string };

function figureCell(
  figure: Headline,
  k: number,
  w: NotificationWords,
  lang: NotificationLanguage,
): Cell {
  if (figure.suppressed || figure.percent === null) return { text: "–", note: w.hidden(k) };
  const interval = figure.ci95
    ? `${decimal(figure.ci95[0], lang)}–${decimal(figure.ci95[1], lang)} %`
    : "";
  const uncertain = figure.uncertain ? `, ${w.uncertain}` : "";
  return {
    text: `${decimal(figure.percent, lang)} %`,
    note: `${interval} (n = ${figure.n ?? 0}${uncertain})`,
  };
}

function rowsOf(data: DigestData, lang: NotificationLanguage) {
  const w = wordsFor(lang);
  return headlineCodes.map((code: HeadlineCode) => {
    const figure: TodayFigure = data.figures[code];
    const arrow = figure.change30 === "up" ? w.up : figure.change30 === "down" ? w.down : "";
    return {
      name: w.headline[code],
      period: figureCell(figure.today, data.k, w, lang),
      before: figureCell(figure.last30, data.k, w, lang),
      arrow,
      target: figure.target ? `${decimal(figure.target.percent, lang)} %` : "–",
    };
  });
}

function signalLines(data: DigestData, lang: NotificationLanguage): string[] {
  const w = wordsFor(lang);
  return data.signals.map((signal) => {
    const parts = signal.outside.map((point) =>
      w.outside(
        point.period,
        decimal(point.percent, lang),
        decimal(point.lower, lang),
        decimal(point.upper, lang),
      ),
    );
    if (signal.run) parts.push(w.run);
    return `${w.headline[signal.headline]}: ${parts.join("; ")}`;
  });
}

function kioskLines(data: DigestData, lang: NotificationLanguage): string[] {
  const w = wordsFor(lang);
  return data.kiosks.map((kiosk) => {
    const problems = [
      kiosk.silent ? w.silent : "",
      kiosk.missing > 0 ? w.missing(kiosk.missing) : "",
    ];
    return `${kiosk.siteName} · ${kiosk.name}: ${problems.filter(Boolean).join(", ")}`;
  });
}

function reasonLines(data: DigestData, lang: NotificationLanguage): string[] {
  const w = wordsFor(lang);
  return data.reasons.map(
    (reason) =>
      `${w.reason[reason.code] ?? reason.code}: ${reason.count}${reason.percent === null ? "" : ` (${decimal(reason.percent, lang)} %)`}`,
  );
}

function subjectOf(data: DigestData, w: NotificationWords, lang: NotificationLanguage): string {
  return data.period.frequency === "daily"
    ? w.dailySubject(longDate(data.period.from, lang))
    : w.weeklySubject(longDate(data.period.from, lang), longDate(data.period.to, lang));
}

const font = "font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1b1b1b";
const cellStyle = "padding:6px 8px;border-bottom:1px solid #d9d9d9;vertical-align:top";

function htmlList(items: string[], empty: string): string {
  if (items.length === 0) return `<p style="margin:4px 0 12px">${escapeHtml(empty)}</p>`;
  return `<ul style="margin:4px 0 12px;padding-left:20px">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
}

/**
 * The digest as a mail: an HTML part built of tables with inline styles (what Outlook
 * renders; one 600 px column that shrinks on a phone) and a plain-text part with the same
 * figures. Every bit of stored text is escaped.
 */
export function renderDigest(
  data: DigestData,
  lang: NotificationLanguage,
  publicUrl: string,
): RenderedMail {
  const w = wordsFor(lang);
  const links = digestLinks(publicUrl, data);
  const title = data.period.frequency === "daily" ? w.dailyTitle : w.weeklyTitle;
  const when =
    data.period.from === data.period.to
      ? longDate(data.period.from, lang)
      : `${longDate(data.period.from, lang)} – ${longDate(data.period.to, lang)}`;
  const sites = data.siteNames.length > 0 ? data.siteNames.join(", ") : w.allSites;
  const rows = rowsOf(data, lang);
  const signals = signalLines(data, lang);
  const kiosks = kioskLines(data, lang);
  const reasons = reasonLines(data, lang);
  const comments = data.comments.map(
    (comment) => `${longDate(comment.date, lang)}: «${comment.text}»`,
  );
  const h2 = (text: string) =>
    `<h2 style="font-size:17px;margin:20px 0 4px">${escapeHtml(text)}</h2>`;
  const link = (href: string, text: string) =>
    `<a href="${escapeHtml(href)}" style="color:#0b5cad">${escapeHtml(text)}</a>`;
  const table = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px">
<tr><th align="left" style="${cellStyle}">${escapeHtml(w.colHeadline)}</th><th align="left" style="${cellStyle}">${escapeHtml(w.colPeriod)}</th><th align="left" style="${cellStyle}">${escapeHtml(w.colBefore30)}</th><th align="left" style="${cellStyle}">${escapeHtml(w.colTarget)}</th></tr>
${rows
  .map(
    (row) =>
      `<tr><td style="${cellStyle}"><strong>${escapeHtml(row.name)}</strong></td><td style="${cellStyle}"><span style="font-size:18px">${escapeHtml(row.period.text)}</span> ${escapeHtml(row.arrow)}<br><span style="color:#555;font-size:12px">${escapeHtml(row.period.note)}</span></td><td style="${cellStyle}">${escapeHtml(row.before.text)}<br><span style="color:#555;font-size:12px">${escapeHtml(row.before.note)}</span></td><td style="${cellStyle}">${escapeHtml(row.target)}</td></tr>`,
  )
  .join("\n")}
</table>`;
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subjectOf(data, w, lang))}</title></head>
<body style="margin:0;padding:0;background:#f3f3f3">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;${font}"><tr><td style="padding:20px"><div role="main">
<h1 style="font-size:22px;margin:0 0 4px">${escapeHtml(title)} · ${escapeHtml(when)}</h1>
<p style="margin:0 0 12px;color:#444">${escapeHtml(w.sites)}: ${escapeHtml(sites)} · ${escapeHtml(w.responses(data.responses))}</p>
${table}
${h2(w.signalsTitle)}${htmlList(signals, w.noSignals)}
${h2(w.kiosksTitle)}${htmlList(kiosks, w.noKioskProblems)}
${h2(w.reasonsTitle)}${htmlList(reasons, w.noReasons)}
${h2(w.commentsTitle)}${htmlList(comments, w.noComments)}
<p style="margin:20px 0 8px"><a href="${escapeHtml(links.today)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(w.openDashboard)}</a></p>
<p style="margin:0 0 12px">${link(links.trends, w.linkTrends)} · ${link(links.kiosks, w.linkKiosks)} · ${link(links.comments, w.linkComments)}</p>
<p style="margin:16px 0 0;color:#666;font-size:12px">${escapeHtml(w.footer)}</p>
</div></td></tr></table></td></tr></table></body></html>`;
  const bullet = (items: string[], empty: string) =>
    items.length === 0 ? [empty] : items.map((item) => `- ${item}`);
  const text = [
    `${title} · ${when}`,
    `${w.sites}: ${sites} · ${w.responses(data.responses)}`,
    "",
    ...rows.map((row) =>
      `${row.name}: ${row.period.text} ${row.arrow} ${row.period.note} | ${w.colBefore30}: ${row.before.text} ${row.before.note} | ${w.colTarget}: ${row.target}`.replace(
        / +/g,
        " ",
      ),
    ),
    "",
    w.signalsTitle,
    ...bullet(signals, w.noSignals),
    "",
    w.kiosksTitle,
    ...bullet(kiosks, w.noKioskProblems),
    "",
    w.reasonsTitle,
    ...bullet(reasons, w.noReasons),
    "",
    w.commentsTitle,
    ...bullet(comments, w.noComments),
    "",
    `${w.openDashboard}: ${links.today}`,
    `${w.linkTrends}: ${links.trends}`,
    `${w.linkKiosks}: ${links.kiosks}`,
    `${w.linkComments}: ${links.comments}`,
    "",
    w.footer,
  ].join("\n");
  return { subject: subjectOf(data, w, lang), html, text };
}
