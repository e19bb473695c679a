import { type FormEvent, useEffect, useState } from "react";
import { fetchComments } from "../api/dashboard.ts";
import type { Comment } from "../api/types.ts";
import { lastDays, todayIn } from "../app/dates.ts";
import { formatDay } from "../app/format.ts";
import type { PageProps } from "../app/Shell.tsx";
import { useResource } from "../app/useResource.ts";
import { Segmented } from "../components/Segmented.tsx";
import { Status } from "../components/Status.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";

/** The scrubbed free-text comments, newest first, searchable, a page at a time. */
export function CommentsPage({ session, site, kiosk, version }: PageProps) {
  const { t, lang } = useI18n();
  const [days, setDays] = useState(90);
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [older, setOlder] = useState<Comment[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const range = lastDays(todayIn(session.sites[0]?.timezone ?? "Europe/Copenhagen"), days);
  const key = `${site}|${kiosk}|${range.from}|${range.to}|${q}`;
  const first = useResource(
    () => fetchComments({ site, kiosk }, range, { q, limit: 20 }),
    key,
    version,
  );
  const siteName = (id: string) => session.sites.find((s) => s.id === id)?.name ?? "";

  // A new first page (new filter or new data) starts the list again.
  useEffect(() => {
    setOlder([]);
    setNext(first.data?.next ?? null);
  }, [first.data]);

  const loadMore = async () => {
    if (!next) return;
    const page = await fetchComments({ site, kiosk }, range, { q, before: next, limit: 20 });
    setOlder((list) => [...list, ...page.comments]);
    setNext(page.next);
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  const comments = [...(first.data?.comments ?? []), ...older];
  return (
    <>
      <h1>{t("commentsTitle")}</h1>
      <p className="muted">{t("commentsIntro")}</p>
      <div className="toolbar">
        <Segmented
          label={t("period")}
          value={days}
          onChange={setDays}
          options={[
            { value: 30, label: t("days30") },
            { value: 90, label: t("days90") },
            { value: 365, label: t("days365") },
          ]}
        />
        <search>
          <form onSubmit={search} className="toolbar" style={{ margin: 0 }}>
            <label>
              {t("searchComments")}
              <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
            </label>
            <button type="submit">{t("search")}</button>
          </form>
        </search>
      </div>
      <Status resource={first} />
      {first.data && comments.length === 0 && <p>{t("noComments")}</p>}
      <ul className="comment-list">
        {comments.map((comment) => (
          <li key={comment.id} className="card">
            <blockquote>{comment.text}</blockquote>
            <p className="muted small">
              {formatDay(comment.date, lang, true)}
              {session.sites.length > 1 && ` · ${siteName(comment.siteId)}`}
              {comment.reasons.length > 0 &&
                ` · ${comment.reasons.map((r) => t(`r_${r}` as MessageKey) ?? r).join(", ")}`}
            </p>
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" className="secondary" onClick={loadMore}>
          {t("more")}
        </button>
      )}
    </>
  );
}
