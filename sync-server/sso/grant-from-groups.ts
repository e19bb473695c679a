import type { Role } from "../../shared/roles.ts";
import type { SsoRoleMapping } from "../queries/sso-role-mappings.ts";

/** What a person's groups grant: one role, and its sites (null: every site). */
export type Grant = { role: Role; siteIds: string[] | null };

// A person has one role: the strongest any of their groups grants. Analyst (reads and exports)
// ranks below chief (also sets targets and alerts), admin above both.
const strength: Record<Role, number> = { analyst: 1, chief: 2, admin: 3 };

/**
 * The grant of the rules that match the person's groups; undefined when none does. Sites are
 * the union over the rules of the winning role; one such rule without sites grants them all.
 */
export function grantFromGroups(
  mappings: readonly SsoRoleMapping[],
  groups: readonly string[],
): Grant | undefined {
  const member = new Set(groups);
  const matching = mappings.filter((mapping) => member.has(mapping.group));
  const best = matching.reduce<Role | undefined>(
    (top, mapping) => (top && strength[top] >= strength[mapping.role] ? top : mapping.role),
    undefined,
  );
  if (!best) return undefined;
  if (best === "admin") return { role: best, siteIds: null };
  const rules = matching.filter((mapping) => mapping.role === best);
  if (rules.some((rule) => rule.siteIds.length === 0)) return { role: best, siteIds: null };
  return { role: best, siteIds: [...new Set(rules.flatMap((rule) => rule.siteIds))].sort() };
}
