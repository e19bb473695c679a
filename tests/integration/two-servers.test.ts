import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResponsePayload } from "../../shared/response.ts";
import { addKiosk } from "../../sync-server/admin/verbs.ts";
import { loginAttemptsPerWindow } from "../../sync-server/http/session-routes.ts";
import { jobNames } from "../../sync-server/jobs/job-context.ts";
import { loginThrottlePolicy } from "../../sync-server/login-throttle.ts";
import { upsertSubscription } from "../../sync-server/queries/digest-subscriptions.ts";
import { addDays, localClock } from "../../sync-server/reports/local-time.ts";
import { logIn } from "../helpers/admin-session.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addUser, interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { queuedJobs, queueUtils, until } from "../helpers/job-queue.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { type SmtpReceiver, startSmtpReceiver } from "../helpers/smtp-receiver.ts";
import { postSync, samplePayload, syncBody } from "../helpers/sync-payloads.ts";

// Two `npm start` processes on one PostgreSQL, each with its own memory: whatever must hold
// across them (ingest, limits, sessions, jobs) is checked through both.
let db: TestDatabase;
let smtp: SmtpReceiver;
let fixture: Awaited<ReturnType<typeof twoSiteFixture>>;
let servers: [ServerProcess, ServerProcess];
const readers = ["chef@kommune.dk", "analytiker@kommune.dk"];
const password = "korrekt-hest-batteri";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-two-servers-"));

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpReceiver();
  fixture = await twoSiteFixture(db.pool);
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
  for (const email of readers) {
    const user = await addUser(db.pool, {
      email,
      role: "chief",
      siteIds: [fixture.siteA.siteId],
      municipality: "Testkommune",
      password,
    });
    await upsertSubscription(db.pool, {
      municipalityId: user.municipalityId,
      userId: user.userId,
      frequency: "daily",
      language: "da",
    });
  }
  const env = {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    DIGEST_HOUR: "0",
    // As behind a load balancer on this machine: the client address comes from the header, so
    // the test can keep the per-address and the per-account limit apart.
    TRUST_PROXY: "loopback",
  };
  // One after the other: the first makes the fingerprint key file the second then reads.
  const first = await startServerProcess(env);
  servers = [first, await startServerProcess(env)];
}, 120_000);

afterAll(async () => {
  for (const server of servers ?? []) await server.stop();
  await smtp?.stop();
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function server(i: number): ServerProcess {
  const chosen = servers[i % 2];
  if (!chosen) throw new Error("no server");
  return chosen;
}

async function storedIds(ids: string[]): Promise<string[]> {
  const result = await db.pool.query<{ id: string }>(
    "select id::text from responses where id = any($1::uuid[]) order by id",
    [ids],
  );
  return result.rows.map((row) => row.id);
}

async function countedInRollups(kioskIds: string[]): Promise<number> {
  const counted = await db.pool.query<{ n: number }>(
    `select coalesce(sum(responses), 0)::int as n from rollup_kiosk_daily
     where municipality_id = $1 and kiosk_id = any($2::uuid[])`,
    [fixture.municipalityId, kioskIds],
  );
  return counted.rows[0]?.n ?? 0;
}

/** A wrong password for `email`, from `address` (the servers trust loopback's X-Forwarded-For). */
function loginFailure(baseUrl: string, email: string, address: string) {
  return fetch(`${baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ email, password: "forkert" }),
  }).then(async (response) => ({
    status: response.status,
    message: ((await response.json()) as { error?: { message?: string } }).error?.message ?? "",
  }));
}

describe("two server processes on one PostgreSQL", () => {
  it("store each response exactly once when kiosks' syncs and resends are spread over both", async () => {
    const kiosks = [fixture.kioskA, fixture.kioskB];
    for (const i of [1, 2])
      kiosks.push(await addKiosk(db.pool, { siteId: fixture.siteA.siteId, name: `Ekstra ${i}` }));
    const sent = new Map<string, ResponsePayload[]>();
    for (const kiosk of kiosks)
      sent.set(
        kiosk.kioskId,
        Array.from({ length: 30 }, (_, i) =>
          samplePayload(i + 1, {}, Date.now() - (40 - i) * 60_000),
        ),
      );
    const kioskIds = kiosks.map((kiosk) => kiosk.kioskId);
    const before = await countedInRollups(kioskIds);
    const accepted: string[] = [];
    const duplicates: string[] = [];
    const tally = (reply: { status: number; body: Record<string, unknown> }) => {
      expect(reply.status).toBe(200);
      accepted.push(...(reply.body.accepted as string[]));
      duplicates.push(...(reply.body.duplicates as string[]));
    };
    // Each kiosk: batches of ten; each batch goes to one server and, at the same time, its
    // resend (a lost reply) to the other; then the whole outbox once more, to the other again.
    await Promise.all(
      kiosks.map(async (kiosk, k) => {
        const payloads = sent.get(kiosk.kioskId) ?? [];
        for (let b = 0; b < 3; b += 1) {
          const batch = syncBody(payloads.slice(b * 10, b * 10 + 10));
          const replies = await Promise.all([
            postSync(server(k + b).baseUrl, kiosk.token, batch),
            postSync(server(k + b + 1).baseUrl, kiosk.token, batch),
          ]);
          for (const reply of replies) tally(reply);
        }
        tally(await postSync(server(k + 1).baseUrl, kiosk.token, syncBody(payloads)));
      }),
    );
    const all = [...sent.values()].flat().map((payload) => payload.id);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect([...accepted].sort()).toEqual([...all].sort());
    // Every resend of something stored was told so: twice per response (the racing copy, the
    // final full resend).
    expect(duplicates).toHaveLength(all.length * 2);
    expect(await storedIds(all)).toEqual([...all].sort());
    // The rollups the dashboard reads agree with the rows: each response counted once.
    expect((await countedInRollups(kioskIds)) - before).toBe(all.length);
  }, 120_000);

  it("serve a dashboard session made on one from the other, with one live-update ETag", async () => {
    const session = await logIn(server(0).baseUrl, readers[0] ?? "", password);
    const headers = { cookie: session.cookie };
    const onOther = await fetch(`${server(1).baseUrl}/api/v1/session`, { headers });
    expect(onOther.status).toBe(200);
    expect(((await onOther.json()) as { email: string }).email).toBe(readers[0]);
    const etags = await Promise.all(
      [0, 1].map(async (i) =>
        (await fetch(`${server(i).baseUrl}/api/v1/dashboard/changes`, { headers })).headers.get(
          "etag",
        ),
      ),
    );
    expect(etags[0]).toBeTruthy();
    expect(etags[1]).toBe(etags[0]);
    // A sync through the first server changes the figures: the second's ETag moves with them.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reply = await postSync(
      server(0).baseUrl,
      fixture.kioskA.token,
      syncBody([samplePayload(100)]),
    );
    expect(reply.status).toBe(200);
    const after = await fetch(`${server(1).baseUrl}/api/v1/dashboard/changes`, {
      headers: { ...headers, "if-none-match": etags[0] ?? "" },
    });
    expect(after.status).toBe(200);
    // The CSRF token made on the first is good on the second: log out there …
    const out = await fetch(`${server(1).baseUrl}/api/v1/session`, {
      method: "DELETE",
      headers: { ...headers, "x-csrf-token": session.csrf },
    });
    expect(out.status).toBe(204);
    // … and the session is gone on the first too.
    expect((await fetch(`${server(0).baseUrl}/api/v1/session`, { headers })).status).toBe(401);
  }, 60_000);

  it("share the log-in limits: failures split over both count as one", async () => {
    // Per account (each try from another address, so only this limit is in play): failures
    // alternate between the servers. The free ones pass; then each wait doubles (1, 2, 4 … s)
    // until it outlasts a password check, and the account is refused on both. Counted per
    // process instead, each server would let its own five through: ten passes, then refusals.
    const tries: { server: number; status: number; message: string }[] = [];
    while (tries.length < 2 * loginThrottlePolicy.freeFailures + 2) {
      const i = tries.length % 2;
      const address = `203.0.113.${tries.length + 1}`;
      tries.push({
        server: i,
        ...(await loginFailure(server(i).baseUrl, readers[1] ?? "", address)),
      });
      if (new Set(tries.filter((t) => t.status === 429).map((t) => t.server)).size === 2) break;
    }
    const passed = tries.filter((t) => t.status === 401).length;
    expect(tries.slice(0, loginThrottlePolicy.freeFailures).map((t) => t.status)).toEqual(
      Array(loginThrottlePolicy.freeFailures).fill(401),
    );
    expect(new Set(tries.filter((t) => t.status === 429).map((t) => t.server)).size).toBe(2);
    expect(passed).toBeLessThan(2 * loginThrottlePolicy.freeFailures);
    for (const refused of tries.filter((t) => t.status === 429))
      expect(refused.message).toMatch(/for this account/);
    // Per address: one address's failures (other e-mails each time) alternate between the
    // servers; past the limit, both refuse it.
    for (let i = 0; i < loginAttemptsPerWindow; i += 1) {
      const failed = await loginFailure(server(i).baseUrl, `ukendt${i}@kommune.dk`, "198.51.100.7");
      expect(failed.status).toBe(401);
    }
    for (const i of [0, 1]) {
      const refused = await loginFailure(server(i).baseUrl, `ny${i}@kommune.dk`, "198.51.100.7");
      expect(refused.status).toBe(429);
      expect(refused.message).toMatch(/from this address/);
    }
    // Another address is not refused for it.
    expect((await loginFailure(server(0).baseUrl, "ny@kommune.dk", "198.51.100.8")).status).toBe(
      401,
    );
  }, 120_000);

  it("send one digest per user, however many planner ticks reach however many servers", async () => {
    const utils = await queueUtils(db.pool);
    try {
      const at = new Date().toISOString();
      for (const _ of [1, 2, 3, 4]) await utils.addJob(jobNames.planDigests, { at });
    } finally {
      await utils.release();
    }
    await smtp.waitFor(readers.length);
    await until(async () =>
      (await queuedJobs(db.pool)).every(
        (job) => job.task !== jobNames.sendDigest && job.task !== jobNames.planDigests,
      ),
    );
    // Time for a second copy to arrive, were one on its way.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const recipients = smtp.mails.map((mail) =>
      mail.to && !Array.isArray(mail.to) ? mail.to.text : "",
    );
    expect(recipients.sort()).toEqual([...readers].sort());
    for (const mail of smtp.mails) expect(mail.subject).toMatch(/^Borgerpuls: dagens tal for/);
  }, 120_000);

  it("have a third start without SMTP_URL, saying the mail channel is off", async () => {
    for (const running of servers) expect(running.output()).not.toContain("mail channel off");
    const quiet = await startServerProcess({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    try {
      expect(quiet.output()).toContain("mail channel off");
      expect((await fetch(`${quiet.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await quiet.stop();
    }
  }, 60_000);
});
