import express, { type Router } from "express";
import { questionnaireVersion } from "../../shared/questionnaire.ts";
import type { SyncAdmission } from "../config.ts";
import type { Pool, ReadPool } from "../db.ts";
import type { FingerprintKeys } from "../ingest/fingerprint.ts";
import type { Logger } from "../logger.ts";
import type { SpKeyPair } from "../sso/saml/service-provider.ts";
import { appVersion } from "../version.ts";
import { accountRoutes } from "./account-routes.ts";
import { adminRoutes } from "./admin-routes.ts";
import { adminSamlRoutes } from "./admin-saml-routes.ts";
import { adminSsoRoutes } from "./admin-sso-routes.ts";
import { dashboardRoutes } from "./dashboard-routes.ts";
import { disclosureRoutes } from "./disclosure-routes.ts";
import { enrolRoutes } from "./enrol-routes.ts";
import { exportRoutes } from "./export-routes.ts";
import { kioskRoutes } from "./kiosk-routes.ts";
import type { Metrics } from "./metrics.ts";
import { reportRoutes } from "./report-routes.ts";
import { samlRoutes } from "./saml-routes.ts";
import { type PasswordServices, sessionRoutes } from "./session-routes.ts";
import { ssoRoutes } from "./sso-routes.ts";
import { type SyncLimits, syncRoutes } from "./sync-routes.ts";

import type { WriteHealth } from "./write-health.ts";

export type ApiDeps = {
  pool: Pool;
  /** Report, dashboard and export reads (a read replica when one is set and fresh). */
  reads: ReadPool;
  logger: Logger;
  metrics: Metrics;
  writeHealth: WriteHealth;
  syncLimits?: SyncLimits | undefined;
  syncAdmission?: SyncAdmission | undefined;
  passwords: PasswordServices;
  enrolCodeTtlMinutes: number;
  fingerprintKeys: FingerprintKeys;
  publicUrl: string | undefined;
  /** SAML_SP_CERT_FILE/SAML_SP_KEY_FILE as read at start (sso/saml/sp-key-files.ts). */
  samlSpKey: SpKeyPair | undefined;
};

/** /api/v1: the JSON API. Each capability mounts its own router here. */
export function apiRoutes(deps: ApiDeps): Router {
  const { pool, logger, metrics, passwords } = deps;
  const router = express.Router();
  router.get("/", (_req, res) => {
    res.json({
      name: "Borgerpuls",
      version: appVersion,
      api: "v1",
      questionnaire: questionnaireVersion,
    });
  });
  router.use("/kiosk", kioskRoutes(pool));
  router.use("/enrol", enrolRoutes(pool));
  router.use(
    "/sync",
    syncRoutes(pool, {
      fingerprintKeys: deps.fingerprintKeys,
      metrics,
      limits: deps.syncLimits,
      admission: deps.syncAdmission,
      writeHealth: deps.writeHealth,
    }),
  );
  router.use("/session", sessionRoutes(pool, passwords));
  router.use("/account", accountRoutes(pool, passwords));
  router.use(
    "/sso/saml",
    samlRoutes({ pool, logger, publicUrl: deps.publicUrl, spKey: deps.samlSpKey }),
  );
  router.use(
    "/sso",
    ssoRoutes({ pool, logger, fingerprintKeys: deps.fingerprintKeys, publicUrl: deps.publicUrl }),
  );
  router.use("/report", reportRoutes(pool, deps.reads));
  router.use("/dashboard", dashboardRoutes(pool, deps.reads));
  router.use("/admin/sso/saml", adminSamlRoutes({ pool, publicUrl: deps.publicUrl }));
  router.use(
    "/admin/sso",
    adminSsoRoutes({ pool, fingerprintKeys: deps.fingerprintKeys, publicUrl: deps.publicUrl }),
  );
  router.use(
    "/admin",
    disclosureRoutes(pool),
    adminRoutes(pool, passwords, deps.enrolCodeTtlMinutes),
  );
  router.use("/export", exportRoutes(pool, deps.reads, logger));
  return router;
}
