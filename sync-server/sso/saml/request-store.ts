import type { CacheItem, CacheProvider } from "@node-saml/node-saml";
import type { Queryable } from "../../db.ts";
import {
  findSamlRequest,
  insertSamlRequest,
  markSamlRequestUsed,
  type SamlRequestKey,
} from "../../queries/sso-saml-requests.ts";

/** How long a user may take at the IdP (MitID, a password change) before the request lapses. */
export const samlRequestLifetimeSeconds = 15 * 60;

/**
 * node-saml's store of the AuthnRequest ids it sent, kept in PostgreSQL instead of its default
 * process memory: the response may reach another server process than the one that sent the
 * request. One store per provider and HTTP request. node-saml "removes" an id when it has
 * checked a response to it; here that marks the row used, and `usedUp` tells whether this
 * HTTP request was the one that did, so two racing posts of one response cannot both pass.
 */
export type SamlRequestStore = CacheProvider & { usedUp(id: string): boolean };

export function samlRequestStore(
  db: Queryable,
  key: SamlRequestKey,
  /** Only a store that sends requests needs it: the hash of the starting browser's cookie. */
  browserHash?: Buffer,
): SamlRequestStore {
  const used = new Set<string>();
  return {
    async saveAsync(id: string, value: string): Promise<CacheItem> {
      if (!browserHash) throw new Error("a request is sent only with the browser it belongs to");
      await insertSamlRequest(db, {
        ...key,
        id,
        browserHash,
        lifetimeSeconds: samlRequestLifetimeSeconds,
      });
      return { value, createdAt: Date.now() };
    },
    async getAsync(id: string): Promise<string | null> {
      const found = await findSamlRequest(db, id);
      const ours =
        found?.municipalityId === key.municipalityId && found.providerId === key.providerId;
      return ours && !found.used ? found.createdAt.toISOString() : null;
    },
    async removeAsync(id: string | null): Promise<string | null> {
      if (id === null || !(await markSamlRequestUsed(db, { ...key, id }))) return null;
      used.add(id);
      return id;
    },
    usedUp: (id) => used.has(id),
  };
}
