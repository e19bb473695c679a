import { type FormEvent, useState } from "react";
import { inviteUser, listSites, listUsers, updateUser } from "../api/admin.ts";
import type { AdminUser, NewUser, Role } from "../api/types.ts";
import { useResource } from "../app/useResource.ts";
import { PasswordResetButton } from "../components/PasswordResetButton.tsx";
import { ScrollTable } from "../components/ScrollTable.tsx";
import { SiteCheckboxes } from "../components/SiteCheckboxes.tsx";
import { Status } from "../components/Status.tsx";
import { useI18n } from "../i18n/index.tsx";

const roleOptions: Role[] = ["chief", "analyst", "admin"];

/** Admin: invite a user (password shown once), change role and sites, disable or enable. */
export function UsersPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const users = useResource(listUsers, "users", version);
  const sites = useResource(listSites, "sites", 0);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("chief");
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [invited, setInvited] = useState<NewUser | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const siteNames = (user: AdminUser) =>
    user.siteIds.length === 0
      ? t("allSites")
      : user.siteIds.map((id) => sites.data?.sites.find((s) => s.id === id)?.name ?? id).join(", ");

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setInvited(await inviteUser({ email: email.trim(), role, siteIds }));
      setEmail("");
      setSiteIds([]);
      reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  const change = async (user: AdminUser, changes: { role?: Role; disabled?: boolean }) => {
    setError(null);
    try {
      await updateUser(user.id, changes);
      reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("error"));
    }
  };
  return (
    <>
      <h1>{t("usersTitle")}</h1>
      <section className="card" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("inviteUser")}</h2>
        <form className="form-grid" onSubmit={invite}>
          <label>
            {t("email")}
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label>
            {t("role")}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roleOptions.map((r) => (
                <option key={r} value={r}>
                  {t(`role_${r}`)}
                </option>
              ))}
            </select>
          </label>
          <SiteCheckboxes
            sites={sites.data?.sites ?? []}
            siteIds={siteIds}
            setSiteIds={setSiteIds}
          />
          <div>
            <button type="submit">{t("invite")}</button>
          </div>
        </form>
        {invited && (
          <div className="once" role="status">
            <p>
              {invited.email}: {t("passwordOnce")}
            </p>
            <code data-testid="invited-password">{invited.password}</code>
          </div>
        )}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Status resource={users} />
      {users.data && (
        <ScrollTable label={t("usersTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("sites")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.email}</th>
                  <td>
                    <select
                      aria-label={`${t("role")}: ${user.email}`}
                      value={user.role}
                      onChange={(e) => change(user, { role: e.target.value as Role })}
                    >
                      {roleOptions.map((r) => (
                        <option key={r} value={r}>
                          {t(`role_${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{siteNames(user)}</td>
                  <td>
                    <span className={`badge ${user.disabled ? "revoked" : "ok"}`}>
                      {user.disabled ? t("disabled") : t("active")}
                    </span>{" "}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => change(user, { disabled: !user.disabled })}
                    >
                      {user.disabled ? t("enable") : t("disable")}
                      <span className="visually-hidden"> {user.email}</span>
                    </button>{" "}
                    <PasswordResetButton userId={user.id} email={user.email} />
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
