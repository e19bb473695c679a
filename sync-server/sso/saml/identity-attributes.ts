/** Where IdPs put a person's e-mail address: Context Handler/OIOSAML 3, AD FS/Entra ID, LDAP. */
export const emailAttributes = [
  "https://data.gov.dk/model/core/eid/email",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  "urn:oid:0.9.2342.19200300.100.1.3",
  "dk:gov:saml:attribute:Email",
  "email",
  "mail",
] as const;

/** And their name, as the audit log and the dashboard show it. */
export const nameAttributes = [
  "https://data.gov.dk/model/core/eid/fullName",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
  "urn:oid:2.5.4.3",
  "displayName",
  "name",
] as const;

function firstText(attributes: Readonly<Record<string, unknown>>, names: readonly string[]) {
  for (const name of names) {
    if (!Object.hasOwn(attributes, name)) continue;
    const value = attributes[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first.trim() !== "") return first.trim().slice(0, 320);
  }
  return undefined;
}

/** The e-mail (lower-cased) and name an assertion's attributes carry, if any. Pure. */
export function emailAndName(attributes: Readonly<Record<string, unknown>>): {
  email: string | null;
  name: string | null;
} {
  return {
    email: firstText(attributes, emailAttributes)?.toLowerCase() ?? null,
    name: firstText(attributes, nameAttributes) ?? null,
  };
}
