import type { Comment } from "../../shared/report-contract.ts";
import type { Queryable } from "../db.ts";
import type { RollupScope } from "./report-rollups.ts";

export type { Comment };

/** LIKE pattern matching `text` literally anywhere (%, _ and \ in it are escaped). */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The (already scrubbed) free-text comments, newest first. Keyset pagination on the UUIDv7 id
 * (time-ordered): `before` is the last id of the previous page, so pages stay stable while
 * new comments arrive. `search` matches case-insensitively anywhere in the text.
 */
export async function listComments(
  db: Queryable,
  scope: RollupScope,
  range: { from: string; to: string },
  page: { search: string | undefined; before: string | undefined; limit: number },
): Promise<Comment[]> {
  const result = await db.query<Comment>(
    `select id, local_date::text as date, site_id as "siteId", kiosk_id as "kioskId",
            improve_text as text, coalesce(improve_reasons, '{}') as reasons
     from responses
     where municipality_id = $1 and local_date between $2 and $3
       and ($4::uuid[] is null or site_id = any($4::uuid[])) and ($5::uuid is null or kiosk_id = $5)
       and (not suspect or $6) and improve_text is not null
       and ($7::text is null or improve_text ilike $7)
       and ($8::uuid is null or id < $8)
     order by id desc
     limit $9`,
    [
      scope.municipalityId,
      range.from,
      range.to,
      scope.siteIds,
      scope.kioskId,
      scope.includeSuspect,
      page.search ? containing(page.search) : null,
      page.before ?? null,
      page.limit,
    ],
  );
  return result.rows;
}
