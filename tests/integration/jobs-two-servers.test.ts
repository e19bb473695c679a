import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobNames } from "../../sync-server/jobs/job-context.ts";
import { upsertSubscription } from "../../sync-server/queries/digest-subscriptions.ts";
import { addDays, localClock } from "../../sync-server/reports/local-time.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addUser, interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { queuedJobs, queueUtils, until } from "../helpers/job-queue.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { type SmtpReceiver, startSmtpReceiver } from "../helpers/smtp-receiver.ts";

let db: TestDatabase;
let smtp: SmtpReceiver;
const servers: ServerProcess[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-jobs-"));

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpReceiver();
  const fixture = await twoSiteFixture(db.pool);
  const yesterday = addDays(localClock(new Date(), "Europe/Copenhagen").date, -1);
  await storeInterviews(
    db.pool,
    fixture.kioskA,
    Array.from({ length: 12 }, (_, i) =>
      interview(i + 1, new Date(Date.parse(`${yesterday}T10:00:00Z`) + i * 60_000), {
        got_help: "yes",
      }),
    ),
  );
  const chief = await addUser(db.pool, {
    email: "chef@kommune.dk",
    role: "chief",
    siteIds: [fixture.siteA.siteId],
    municipality: "Testkommune",
  });
  await upsertSubscription(db.pool, {
    municipalityId: chief.municipalityId,
    userId: chief.userId,
    frequency: "daily",
    language: "da",
  });
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await smtp?.stop();
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the job queue with two server processes", () => {
  it("runs each digest once: two planner ticks on two servers, one mail", async () => {
    const env = { DATABASE_URL: db.url, DATA_DIR: dataDir, SMTP_URL: smtp.url, DIGEST_HOUR: "0" };
    // One after the other: the first makes the fingerprint key file the second then reads.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
    for (const server of servers) expect(server.output()).not.toContain("mail channel off");
    const utils = await queueUtils(db.pool);
    try {
      const at = new Date().toISOString();
      // As if each server's cron had fired the same tick, twice over.
      for (const _ of [1, 2, 3, 4]) await utils.addJob(jobNames.planDigests, { at });
    } finally {
      await utils.release();
    }
    await smtp.waitFor(1);
    await until(
      async () =>
        (await queuedJobs(db.pool)).every(
          (job) => job.task !== jobNames.sendDigest && job.task !== jobNames.planDigests,
        ) && true,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.subject).toMatch(/^Borgerpuls: dagens tal for/);
  }, 120_000);

  it("starts without SMTP_URL, saying the mail channel is off", async () => {
    const quiet = await startServerProcess({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    servers.push(quiet);
    expect(quiet.output()).toContain("mail channel off");
    const health = await fetch(`${quiet.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  }, 60_000);
});
