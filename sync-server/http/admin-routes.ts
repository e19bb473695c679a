import express, { type Request, type Router } from "express";
import QRCode from "qrcode";
import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { type OpeningHours, openingHoursProblems } from "../../shared/opening-hours.ts";
import { roles } from "../../shared/roles.ts";
import { enrolPath, newEnrolmentCode } from "../admin/enrolment-verbs.ts";
import { issueRecoveryCode } from "../admin/pin-recovery.ts";
import {
  changeFromBody,
  changeSiteSettings,
  type SettingsActor,
  showSiteSettings,
} from "../admin/site-settings.ts";
import { addKiosk, addSite, addUser, revokeKioskById } from "../admin/verbs.ts";
import type { Pool } from "../db.ts";
import {
  listKioskDetails,
  listSiteDetails,
  listUsers,
  updateSite,
  updateUser,
} from "../queries/dashboard-lists.ts";
import { findKioskInMunicipality } from "../queries/kiosks.ts";
import { municipalityName } from "../queries/sessions.ts";
import { isKnownTimezone, updateOpeningHours } from "../queries/sites.ts";
import { setPasswordHash } from "../queries/users.ts";
import { generatePassword, hashPassword } from "../secrets.ts";
import { adminAuditRoutes } from "./admin-audit-routes.ts";
import { adminLocalQuestionRoutes } from "./admin-local-question-routes.ts";
import { adminTokenRoutes } from "./admin-token-routes.ts";
import { audit } from "./audit-trail.ts";
import { throughGate } from "./hashing-gate.ts";
import { parse } from "./parse-body.ts";
import type { PasswordServices } from "./session-routes.ts";
import { requireRole, requireViewer, type Viewer, viewerOf } from "./viewer-auth.ts";

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((id) => id.toLowerCase());
const siteBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timezone: z.string().min(1).max(100).optional(),
  openingHours: z.unknown().optional(),
});
const kioskBody = z.strictObject({
  siteId: uuid,
  name: z.string().trim().min(1).max(200).optional(),
});
const userBody = z.strictObject({
  email: z.string().min(3).max(320),
  role: z.enum(roles),
  siteIds: z.array(uuid).max(1000).default([]),
});
const userChanges = z.strictObject({
  role: z.enum(roles).optional(),
  siteIds: z.array(uuid).max(1000).optional(),
  disabled: z.boolean().optional(),
});

export function idParam(req: Request): string {
  const parsed = uuid.safeParse(req.params.id);
  if (!parsed.success) throw new AppError("not_found", `No such id: ${String(req.params.id)}.`);
  return parsed.data;
}

async function checkSite(
  pool: Pool,
  body: z.infer<typeof siteBody>,
): Promise<OpeningHours | undefined> {
  if (body.timezone !== undefined && !(await isKnownTimezone(pool, body.timezone))) {
    throw new AppError(
      "invalid_timezone",
      `"${body.timezone}" is not a known IANA time zone (e.g. Europe/Copenhagen).`,
    );
  }
  if (body.openingHours === undefined) return undefined;
  const problems = openingHoursProblems(body.openingHours);
  if (problems.length)
    throw new AppError("invalid_request", `openingHours: ${problems.join("; ")}.`);
  return body.openingHours as OpeningHours;
}

/** Every site id must be one of the municipality's (a grant elsewhere is "unknown"). */
async function checkSiteIds(
  pool: Pool,
  municipalityId: string,
  siteIds: readonly string[],
): Promise<void> {
  const known = new Set((await listSiteDetails(pool, municipalityId, null)).map((site) => site.id));
  const unknown = siteIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new AppError("unknown_site", `No site has the id ${unknown.join(", ")}.`);
}

function actorOf(viewer: Viewer): SettingsActor {
  return viewer.userId
    ? { kind: "user", id: viewer.userId }
    : { kind: "token", id: viewer.tokenId ?? null };
}

/**
 * /api/v1/admin: sites, kiosks and users of the admin's own municipality, through the same
 * verbs as the CLI. Admin only; cookie sessions must send the CSRF token (requireViewer).
 */
export function adminRoutes(
  pool: Pool,
  passwords: PasswordServices,
  enrolCodeTtlMinutes: number,
): Router {
  const router = express.Router();
  router.use(requireViewer(pool), requireRole("admin"), express.json({ limit: "64kb" }));
  router.use("/tokens", adminTokenRoutes(pool));
  router.use("/audit", adminAuditRoutes(pool));
  router.use("/local-questions", adminLocalQuestionRoutes(pool));

  /** The one-time enrolment link for a kiosk, with its QR code (the token never goes in it). */
  async function enrolment(req: Request, kioskId: string, municipalityId: string) {
    const { code, expiresAt } = await newEnrolmentCode(pool, {
      kioskId,
      municipalityId,
      ttlMinutes: enrolCodeTtlMinutes,
    });
    const enrollPath = enrolPath(code);
    const enrollUrl = `${req.protocol}://${req.get("host")}${enrollPath}`;
    return {
      enrolCode: code,
      enrolExpiresAt: expiresAt,
      enrollPath,
      enrollUrl,
      enrollQrSvg: await QRCode.toString(enrollUrl, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 2,
      }),
    };
  }

  router.get("/sites", async (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json({ sites: await listSiteDetails(pool, viewerOf(res).municipalityId, null) });
  });

  router.post("/sites", async (req, res) => {
    const body = parse(siteBody, req.body);
    if (!body.name) throw new AppError("invalid_request", "name: required.");
    const openingHours = await checkSite(pool, body);
    const viewer = viewerOf(res);
    const { siteId } = await addSite(pool, {
      name: body.name,
      municipality: await municipalityName(pool, viewer.municipalityId),
      timezone: body.timezone,
    });
    if (openingHours)
      await updateOpeningHours(
        pool,
        { municipalityId: viewer.municipalityId, id: siteId },
        openingHours,
      );
    await audit(pool, req, res, {
      action: "site.created",
      targetId: siteId,
      details: { name: body.name },
    });
    res.status(201).json({ siteId });
  });

  router.patch("/sites/:id", async (req, res) => {
    const id = idParam(req);
    const body = parse(siteBody, req.body);
    const openingHours = await checkSite(pool, body);
    const viewer = viewerOf(res);
    const changed = await updateSite(
      pool,
      { municipalityId: viewer.municipalityId, id },
      { ...body, openingHours },
    ).catch((error: unknown) => {
      if ((error as { code?: string }).code === "23505") throw new AppError("duplicate_site");
      throw error;
    });
    if (!changed) throw new AppError("unknown_site", `No site has the id ${id}.`);
    await audit(pool, req, res, {
      action: "site.changed",
      targetId: id,
      details: { fields: Object.keys(body) },
    });
    const site = (await listSiteDetails(pool, viewer.municipalityId, [id]))[0];
    res.json(site);
  });

  router.get("/sites/:id/kiosk-settings", async (req, res) => {
    const id = idParam(req);
    res
      .set("Cache-Control", "no-store")
      .json(await showSiteSettings(pool, id, viewerOf(res).municipalityId));
  });

  // Kiosks pick the change up with their next sync and apply it at their next start screen.
  router.patch("/sites/:id/kiosk-settings", async (req, res) => {
    const id = idParam(req);
    const viewer = viewerOf(res);
    const { change, reset } = changeFromBody(req.body);
    res.json(
      await changeSiteSettings(pool, {
        siteId: id,
        municipalityId: viewer.municipalityId,
        change,
        reset,
        actor: actorOf(viewer),
      }),
    );
  });

  router.get("/kiosks", async (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json({ kiosks: await listKioskDetails(pool, viewerOf(res).municipalityId, null) });
  });

  // The reply carries a one-time enrolment code (link and QR code), never the kiosk's token:
  // the kiosk trades the code for its token (POST /api/v1/enrol).
  router.post("/kiosks", async (req, res) => {
    const body = parse(kioskBody, req.body);
    const viewer = viewerOf(res);
    await checkSiteIds(pool, viewer.municipalityId, [body.siteId]);
    const { kioskId, siteId } = await addKiosk(pool, { siteId: body.siteId, name: body.name });
    await audit(pool, req, res, {
      action: "kiosk.created",
      targetId: kioskId,
      details: { siteId },
    });
    res
      .status(201)
      .set("Cache-Control", "no-store")
      .json({ kioskId, siteId, ...(await enrolment(req, kioskId, viewer.municipalityId)) });
  });

  // A new link for a kiosk that must enrol again (a replaced tablet); the old token then stops.
  router.post("/kiosks/:id/enrolment", async (req, res) => {
    const id = idParam(req);
    const viewer = viewerOf(res);
    const link = await enrolment(req, id, viewer.municipalityId);
    await audit(pool, req, res, { action: "kiosk.enrolment_issued", targetId: id });
    res
      .status(201)
      .set("Cache-Control", "no-store")
      .json({ kioskId: id, ...link });
  });

  router.post("/kiosks/:id/revoke", async (req, res) => {
    const id = idParam(req);
    if (!(await findKioskInMunicipality(pool, viewerOf(res).municipalityId, id))) {
      throw new AppError("unknown_kiosk", `No kiosk has the id ${id}.`);
    }
    const revoked = await revokeKioskById(pool, id);
    await audit(pool, req, res, { action: "kiosk.revoked", targetId: id });
    res.json(revoked);
  });

  // A new one-time code each time; the kiosk checks it offline (shared/pin-recovery.ts).
  router.post("/kiosks/:id/recovery-code", async (req, res) => {
    const id = idParam(req);
    const viewer = viewerOf(res);
    res.set("Cache-Control", "no-store").json(
      await issueRecoveryCode(pool, {
        municipalityId: viewer.municipalityId,
        kioskId: id,
        actor: actorOf(viewer),
      }),
    );
  });

  router.get("/users", async (_req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json({ users: await listUsers(pool, viewerOf(res).municipalityId) });
  });

  // Invite: the user is created with a generated password, shown here once to hand over.
  router.post("/users", async (req, res) => {
    const body = parse(userBody, req.body);
    const viewer = viewerOf(res);
    await checkSiteIds(pool, viewer.municipalityId, body.siteIds);
    const created = await addUser(pool, {
      email: body.email,
      role: body.role,
      siteIds: body.siteIds,
      municipality: await municipalityName(pool, viewer.municipalityId),
    });
    await audit(pool, req, res, {
      action: "user.created",
      targetId: created.userId,
      details: { email: created.email, role: created.role, siteIds: body.siteIds },
    });
    res.status(201).set("Cache-Control", "no-store").json(created);
  });

  router.patch("/users/:id", async (req, res) => {
    const id = idParam(req);
    const body = parse(userChanges, req.body);
    const viewer = viewerOf(res);
    if (id === viewer.userId && (body.disabled === true || (body.role && body.role !== "admin"))) {
      throw new AppError(
        "invalid_request",
        "You cannot disable yourself or take away your own admin role.",
      );
    }
    if (body.siteIds) await checkSiteIds(pool, viewer.municipalityId, body.siteIds);
    if (!(await updateUser(pool, { municipalityId: viewer.municipalityId, id }, body))) {
      throw new AppError("not_found", `No user has the id ${id}.`);
    }
    await audit(pool, req, res, { action: "user.changed", targetId: id, details: body });
    res.json((await listUsers(pool, viewer.municipalityId)).find((user) => user.id === id));
  });

  // Reset: a new generated password, shown here once to hand over; every session of theirs ends.
  router.post("/users/:id/password", async (req, res) => {
    const id = idParam(req);
    const viewer = viewerOf(res);
    const password = generatePassword();
    const hash = await throughGate(passwords.gate, res, () => hashPassword(password));
    // Resetting one's own password keeps the session that did it; anyone else is logged out.
    const keep = id === viewer.userId ? (viewer.sessionId ?? null) : null;
    const email = await setPasswordHash(
      pool,
      { municipalityId: viewer.municipalityId, id },
      hash,
      keep,
    );
    if (!email) throw new AppError("not_found", `No user has the id ${id}.`);
    await audit(pool, req, res, { action: "password.reset", targetId: id, details: { email } });
    res.set("Cache-Control", "no-store").json({ userId: id, email, password });
  });

  return router;
}
