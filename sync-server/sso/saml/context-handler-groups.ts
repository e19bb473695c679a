import { childElements, parseXmlRoot, trimmedText as text } from "./parse-xml.ts";

/**
 * KOMBIT Context Handler ("Fælleskommunal Adgangsstyring") sends a user's job-function roles as
 * a base64-encoded OIOSAML Basic Privilege Profile in this attribute: PrivilegeGroups, each with
 * Privilege URIs and optional Constraints (data limits such as an organisation unit).
 */
export const privilegesAttribute = "dk:gov:saml:attribute:Privileges_intermediate";

/**
 * Attributes whose values are role or group names as they are (AD FS, Entra ID, other SAML IdPs,
 * Context Handler test set-ups that send plain role URIs).
 */
export const plainRoleAttributes = [
  "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
  "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
  "http://schemas.xmlsoap.org/claims/Group",
  "dk:gov:saml:attribute:Roles",
  "role",
  "roles",
  "groups",
] as const;

/** At most this many group values come from one assertion; more is a broken or hostile IdP. */
export const maxGroupValues = 200;
const maxValueLength = 500;

export type GroupsFromAttributes = {
  /** The values sso_role_mappings' group column is compared with, deduplicated, in order. */
  groups: string[];
  /** Why part of the attributes was not read (shown in the audit entry, never to the user). */
  problems: string[];
};

function textValues(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === "string");
}

function decodePrivilegeList(value: string): string | undefined {
  const text = value.trim();
  if (text.startsWith("<")) return text;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return undefined;
  const decoded = Buffer.from(text, "base64").toString("utf8").trim();
  return decoded.startsWith("<") ? decoded : undefined;
}

/**
 * One privilege list → group values: each Privilege URI on its own (any data limit), and for
 * each Constraint also `<privilege>?<constraint name>=<value>`, so a rule can grant a site only
 * to those whose privilege is limited to, say, that organisation unit.
 */
function groupsFromPrivilegeList(xml: string, problems: string[]): string[] {
  const root = parseXmlRoot(xml);
  if (root?.localName !== "PrivilegeList") {
    problems.push(`${privilegesAttribute} is not a PrivilegeList`);
    return [];
  }
  const groups: string[] = [];
  for (const group of childElements(root, "PrivilegeGroup")) {
    const constraints = childElements(group, "Constraint")
      .map((constraint) => ({
        name: constraint.getAttribute("Name") ?? "",
        value: text(constraint),
      }))
      .filter((constraint) => constraint.name !== "" && constraint.value !== "");
    for (const privilege of childElements(group, "Privilege").map(text)) {
      if (privilege === "") continue;
      groups.push(privilege);
      for (const { name, value } of constraints) groups.push(`${privilege}?${name}=${value}`);
    }
  }
  return groups;
}

/**
 * The group values an assertion's attributes carry, for the role and site mapping: the
 * Context Handler privilege list (base64 or plain XML) and the plain role attributes above.
 * Pure: attributes as node-saml parses them (a string or a list of strings per name).
 */
export function groupsFromAttributes(
  attributes: Readonly<Record<string, unknown>>,
): GroupsFromAttributes {
  const problems: string[] = [];
  const found: string[] = [];
  if (Object.hasOwn(attributes, privilegesAttribute)) {
    for (const value of textValues(attributes[privilegesAttribute])) {
      const xml = decodePrivilegeList(value);
      if (xml === undefined) problems.push(`${privilegesAttribute} is neither XML nor base64 XML`);
      else found.push(...groupsFromPrivilegeList(xml, problems));
    }
  }
  for (const name of plainRoleAttributes) {
    if (Object.hasOwn(attributes, name)) found.push(...textValues(attributes[name]));
  }
  const groups = [...new Set(found.map((value) => value.trim()))].filter(
    (value) => value !== "" && value.length <= maxValueLength,
  );
  if (groups.length > maxGroupValues) {
    problems.push(`more than ${maxGroupValues} group values; the rest were ignored`);
  }
  return { groups: groups.slice(0, maxGroupValues), problems };
}
