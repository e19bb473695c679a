import { useState } from "react";
import { resetPassword } from "../api/access.ts";
import { useI18n } from "../i18n/index.tsx";

/** Admin: a new generated password for a user, shown here once; their sessions end. */
export function PasswordResetButton({ userId, email }: { userId: string; email: string }) {
  const { t } = useI18n();
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reset = async () => {
    if (!window.confirm(t("confirmResetPassword"))) return;
    setError(null);
    try {
      setPassword((await resetPassword(userId)).password);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={reset}>
        {t("resetPassword")}
        <span className="visually-hidden"> {email}</span>
      </button>
      {password && (
        <span className="once" role="status">
          {t("passwordOnce")} <code data-testid="reset-password">{password}</code>
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
