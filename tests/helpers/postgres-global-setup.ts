import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../sync-server/config.ts";
import { freePort } from "../../sync-server/free-port.ts";
import { installJobQueue } from "../../sync-server/jobs/install-queue.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { migrate } from "../../sync-server/migrate.ts";
import { PostgresCluster } from "../../sync-server/postgres-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the test cluster (any database name can be swapped in). */
    pgAdminUrl: string;
    /** A migrated database each test file clones (CREATE DATABASE … TEMPLATE). */
    pgTemplate: string;
  }
}

/**
 * Starts one real PostgreSQL for the run (embedded, unless TEST_DATABASE_URL names a server),
 * migrates a template database once, and hands both to the test files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopCluster = async () => {};
  if (!adminUrl) {
    // mkdtemp makes 0700 folders; the postgres user (we may be root) must reach its data.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-test-pg-"));
    fs.chmodSync(dir, 0o755);
    const port = await freePort();
    const cluster = new PostgresCluster({
      clusterDir: path.join(dir, "data"),
      user: "postgres",
      password: "test",
      port,
      runtimeDir: loadConfig().embeddedRuntimeDir,
      // Durability is not under test here; speed is.
      settings: {
        fsync: "off",
        synchronous_commit: "off",
        full_page_writes: "off",
        max_connections: "300",
      },
    });
    await cluster.initialise();
    await cluster.start();
    adminUrl = `postgresql://postgres:test@127.0.0.1:${port}/postgres`;
    stopCluster = async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = `borgerpuls_template_${process.pid}_${project.name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  const pool = new pg.Pool({ connectionString: templateUrl, max: 1 });
  await migrate(pool, createLogger("warn", "test-setup"));
  await installJobQueue(pool, createLogger("warn", "test-setup"));
  await pool.end();
  await admin.end();

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${template}`).catch(() => {});
    await client.end();
    await stopCluster();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
