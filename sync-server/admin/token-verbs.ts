import { AppError } from "../../shared/errors.ts";
import type { Pool } from "../db.ts";
import { type ApiTokenDetails, listApiTokens, revokeApiToken } from "../queries/api-tokens.ts";

/** API tokens as the CLI and the admin pages show them: never the secret, only its metadata. */
export type TokenView = Omit<
  ApiTokenDetails,
  "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt"
> & {
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
};

export function viewToken(token: ApiTokenDetails, now = new Date()): TokenView {
  const status = token.revokedAt
    ? "revoked"
    : token.expiresAt && token.expiresAt <= now
      ? "expired"
      : "active";
  return {
    ...token,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    status,
  };
}

const unitHours = { h: 1, d: 24, w: 7 * 24 } as const;
const maxExpiryHours = 3650 * 24;

/** `90d`, `12h`, `2w` → the instant that long from now; a bad value is invalid_expiry. */
export function expiryFrom(expiresIn: string, now = new Date()): Date {
  const match = /^\s*(\d{1,6})\s*([hdw])\s*$/i.exec(expiresIn);
  const unit = match?.[2]?.toLowerCase();
  const hours =
    match && (unit === "h" || unit === "d" || unit === "w")
      ? Number(match[1]) * unitHours[unit]
      : Number.NaN;
  if (!(hours >= 1 && hours <= maxExpiryHours)) {
    throw new AppError(
      "invalid_expiry",
      `"${expiresIn}" is not an expiry such as 90d, 12h or 2w (at most 3650d).`,
    );
  }
  return new Date(now.getTime() + hours * 60 * 60 * 1000);
}

export async function listTokens(pool: Pool, municipalityId: string | null): Promise<TokenView[]> {
  const now = new Date();
  return (await listApiTokens(pool, municipalityId)).map((token) => viewToken(token, now));
}

/** Revokes by id (within a municipality, or anywhere for the CLI); unknown_token when absent. */
export async function revokeTokenById(
  pool: Pool,
  municipalityId: string | null,
  tokenId: string,
): Promise<TokenView> {
  const id = tokenId.trim().toLowerCase();
  const revoked = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)
    ? await revokeApiToken(pool, municipalityId, id)
    : undefined;
  if (!revoked) throw new AppError("unknown_token", `No API token has the id ${tokenId}.`);
  return viewToken(revoked);
}
