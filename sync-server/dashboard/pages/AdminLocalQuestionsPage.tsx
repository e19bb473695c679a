import { type FormEvent, useState } from "react";
import type { LocalQuestionView } from "../../../shared/local-questions.ts";
import { listSites } from "../api/admin.ts";
import {
  addLocalQuestion,
  changeLocalQuestion,
  listLocalQuestions,
  retireLocalQuestion,
} from "../api/local-questions.ts";
import { useResource } from "../app/useResource.ts";
import { LocalTranslationFields } from "../components/LocalTranslationFields.tsx";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";
import { draftOf, emptyFields, fieldsOf, type LocalQuestionFields } from "./local-question-form.ts";

/**
 * Admin: the municipality's local questions (at most three per site, asked after the core
 * questions): add one for every site or one site, change one (a new version; answers given
 * to the old one keep their meaning), retire one. Kiosks pick changes up with their next sync.
 */
export function AdminLocalQuestionsPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const questions = useResource(listLocalQuestions, "local-questions", version);
  const sites = useResource(listSites, "sites", 0);
  const [editing, setEditing] = useState<LocalQuestionView | null>(null);
  const [code, setCode] = useState("");
  const [siteId, setSiteId] = useState("");
  const [fields, setFields] = useState<LocalQuestionFields>(emptyFields);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const siteName = (id: string | null) =>
    id === null ? t("allSites") : (sites.data?.sites.find((s) => s.id === id)?.name ?? id);

  const edit = (question: LocalQuestionView) => {
    setEditing(question);
    setFields(fieldsOf(question));
    setSaved(null);
    setError(null);
  };
  const cancel = () => {
    setEditing(null);
    setFields(emptyFields);
    setCode("");
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const result = editing
        ? await changeLocalQuestion(editing.questionId, draftOf(fields))
        : await addLocalQuestion({
            code: code.trim(),
            siteId: siteId || null,
            ...draftOf(fields),
          });
      setSaved(`${result.code} v${result.version}`);
      cancel();
      reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const retire = async (question: LocalQuestionView) => {
    if (!window.confirm(t("localConfirmRetire"))) return;
    setError(null);
    try {
      await retireLocalQuestion(question.questionId);
      reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const set = (key: "da" | "answers") => (value: string) =>
    setFields((current) => ({ ...current, [key]: value }));

  return (
    <>
      <h1>{t("localAdminTitle")}</h1>
      <p className="muted">{t("localAdminIntro")}</p>
      <section className="card" aria-labelledby="local-form-h">
        <h2 id="local-form-h">
          {editing ? `${t("localChange")}: ${editing.code}` : t("localAdd")}
        </h2>
        <form className="form-grid" onSubmit={save}>
          {!editing && (
            <>
              <label>
                {t("localCode")}
                <input
                  value={code}
                  required
                  maxLength={30}
                  pattern="[a-z][a-z0-9_]*"
                  aria-describedby="local-code-hint"
                  onChange={(e) => setCode(e.target.value)}
                />
              </label>
              <p id="local-code-hint" className="muted small">
                {t("localCodeHint")}
              </p>
              <label>
                {t("site")}
                <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
                  <option value="">{t("allSites")}</option>
                  {sites.data?.sites.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <label>
            {t("localTextDa")}
            <input
              value={fields.da}
              required
              maxLength={200}
              onChange={(e) => set("da")(e.target.value)}
            />
          </label>
          {/* Labelled by id, not by wrapping: a wrapping label's name would include the text. */}
          <label htmlFor="local-answers">{t("localAnswers")}</label>
          <textarea
            id="local-answers"
            value={fields.answers}
            required
            rows={7}
            aria-describedby="local-answers-hint"
            onChange={(e) => set("answers")(e.target.value)}
          />

          <p id="local-answers-hint" className="muted small">
            {t("localAnswersHint")}
          </p>
          <LocalTranslationFields
            translations={fields.translations}
            onChange={(locale, translation) =>
              setFields((current) => ({
                ...current,
                translations: { ...current.translations, [locale]: translation },
              }))
            }
          />
          <div>
            <button type="submit">{editing ? t("localSaveVersion") : t("localAdd")}</button>{" "}
            {editing && (
              <button type="button" className="secondary" onClick={cancel}>
                {t("cancel")}
              </button>
            )}
          </div>
        </form>
        {saved && (
          <p role="status" data-testid="local-saved">
            {t("saved")} ({saved})
          </p>
        )}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Status resource={questions} />
      {questions.data && questions.data.questions.length === 0 && <p>{t("localNone")}</p>}
      {questions.data && questions.data.questions.length > 0 && (
        <ScrollTable label={t("localAdminTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("localCode")}</th>
                <th scope="col">{t("localTextDa")}</th>
                <th scope="col">{t("site")}</th>
                <th scope="col">{t("localVersion")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {questions.data.questions.map((question) => (
                <tr key={question.questionId}>
                  <th scope="row">
                    <code>{question.code}</code>
                  </th>
                  <td>{question.text.da}</td>
                  <td>{siteName(question.siteId)}</td>
                  <td className="numeric">{question.version}</td>
                  <td>{question.retired ? t("localRetired") : t("localAsked")}</td>
                  <td>
                    {!question.retired && (
                      <>
                        <button type="button" className="secondary" onClick={() => edit(question)}>
                          {t("localChange")}
                          <span className="visually-hidden"> {question.code}</span>
                        </button>{" "}
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => retire(question)}
                        >
                          {t("localRetire")}
                          <span className="visually-hidden"> {question.code}</span>
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
