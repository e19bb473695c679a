import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKiosk, addSite } from "../../sync-server/admin/verbs.ts";
import { checkAlerts } from "../../sync-server/alerts/check-alerts.ts";
import { jobNames } from "../../sync-server/jobs/job-context.ts";
import { type JobRunner, startJobs } from "../../sync-server/jobs/start-jobs.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createMailChannel, type MailChannel } from "../../sync-server/notify/mail-channel.ts";
import { type AlertKind, upsertAlertRule } from "../../sync-server/queries/alert-rules.ts";
import { recordSync } from "../../sync-server/queries/kiosk-health.ts";
import { updateOpeningHours } from "../../sync-server/queries/sites.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { interview, storeInterviews } from "../helpers/fixtures.ts";
import { queueUtils, until } from "../helpers/job-queue.ts";
import { type SmtpReceiver, startSmtpReceiver } from "../helpers/smtp-receiver.ts";
import { postSync, syncBody } from "../helpers/sync-payloads.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let db: TestDatabase;
const logger = createLogger("silent");
type Kiosk = Awaited<ReturnType<typeof addKiosk>>;
// Open 08:00–16:00 every day; November in Copenhagen is UTC+01:00.
const hours = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [["08:00", "16:00"]]]),
);
const local = (text: string) => new Date(`${text}+01:00`);

async function siteWithKiosk(name: string) {
  const site = await addSite(db.pool, { name, municipality: "Alarmkommune" });
  await updateOpeningHours(
    db.pool,
    { municipalityId: site.municipalityId, id: site.siteId },
    hours,
  );
  const kiosk = await addKiosk(db.pool, { siteId: site.siteId, name: `${name} kiosk` });
  return { site, kiosk };
}

async function rule(
  place: { municipalityId: string; siteId: string },
  kind: AlertKind,
  params: Record<string, number> = {},
  channels: { emails?: string[]; webhookUrl?: string } = {},
) {
  return upsertAlertRule(db.pool, {
    municipalityId: place.municipalityId,
    id: uuidv7(),
    siteId: place.siteId,
    kind,
    enabled: true,
    params,
    emails: channels.emails ?? [],
    webhookUrl: channels.webhookUrl ?? null,
    language: "da",
  });
}

function synced(kiosk: Kiosk, at: Date) {
  return recordSync(db.pool, kiosk, {
    at,
    appVersion: null,
    clockOffsetMs: 0,
    highestSeq: 0,
    insertedRows: [],
    inserted: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
  });
}

const changesFor = async (now: Date, ruleId: string) =>
  (await checkAlerts(db.pool, now))
    .filter((change) => change.rule.id === ruleId)
    .map((change) => change.event);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("a silent kiosk", () => {
  it("fires after N opening hours of silence while open, not for closed hours, and clears on sync", async () => {
    const { site, kiosk } = await siteWithKiosk("Rådhuset");
    const id = await rule(site, "kiosk_silent", { hours: 2 });
    // Last heard 15:00; by 20:00 only one opening hour passed, and the site is closed.
    await synced(kiosk, local("2026-11-23T15:00:00"));
    expect(await changesFor(local("2026-11-23T20:00:00"), id)).toEqual([]);
    // Next morning 08:30: 1.5 opening hours. 09:05: past two, while open: one episode.
    expect(await changesFor(local("2026-11-24T08:30:00"), id)).toEqual([]);
    expect(await changesFor(local("2026-11-24T09:05:00"), id)).toEqual(["opened"]);
    expect(await changesFor(local("2026-11-24T09:10:00"), id)).toEqual([]);
    // It syncs again: the episode clears, once.
    await synced(kiosk, local("2026-11-24T09:12:00"));
    expect(await changesFor(local("2026-11-24T09:15:00"), id)).toEqual(["cleared"]);
    expect(await changesFor(local("2026-11-24T09:20:00"), id)).toEqual([]);
  });

  it("does not fire when the silence lies outside opening hours", async () => {
    const { site, kiosk } = await siteWithKiosk("Biblioteket");
    const id = await rule(site, "kiosk_silent", { hours: 2 });
    // 16:00 to 07:59 the next day: sixteen hours of silence, none of them open.
    await synced(kiosk, local("2026-11-23T15:59:00"));
    expect(await changesFor(local("2026-11-24T07:59:00"), id)).toEqual([]);
  });
});

describe("what the kiosk reports in its sync", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db.pool);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("raises old unsent answers and non-persistent storage, and clears them when fixed", async () => {
    const { site, kiosk } = await siteWithKiosk("Jobcentret");
    const stale = await rule(site, "outbox_stale", { hours: 4 });
    const storage = await rule(site, "storage_not_persistent");
    const sixHoursAgo = new Date(Date.now() - 6 * 3_600_000).toISOString();
    const bad = await postSync(
      server.baseUrl,
      kiosk.token,
      syncBody([], {
        device: { outboxSize: 12, oldestPendingAt: sixHoursAgo, storagePersisted: false },
      } as object),
    );
    expect(bad.status).toBe(200);
    const now = new Date();
    const opened = await checkAlerts(db.pool, now);
    expect(opened.filter((c) => c.rule.id === stale).map((c) => c.event)).toEqual(["opened"]);
    expect(opened.filter((c) => c.rule.id === storage).map((c) => c.event)).toEqual(["opened"]);
    // An older kiosk's sync (no device) keeps the last report: nothing changes.
    await postSync(server.baseUrl, kiosk.token, syncBody([]));
    expect(await changesFor(new Date(), stale)).toEqual([]);
    await postSync(
      server.baseUrl,
      kiosk.token,
      syncBody([], {
        device: { outboxSize: 0, oldestPendingAt: null, storagePersisted: true },
      } as object),
    );
    const cleared = await checkAlerts(db.pool, new Date());
    expect(cleared.filter((c) => c.rule.id === stale).map((c) => c.event)).toEqual(["cleared"]);
    expect(cleared.filter((c) => c.rule.id === storage).map((c) => c.event)).toEqual(["cleared"]);
  });

  it("refuses a malformed device report with 400, storing nothing", async () => {
    const { kiosk } = await siteWithKiosk("Ydelse");
    const reply = await postSync(
      server.baseUrl,
      kiosk.token,
      syncBody([], { device: { outboxSize: -1 } } as object),
    );
    expect(reply.status).toBe(400);
    expect((reply.body.error as { code: string }).code).toBe("invalid_request");
  });
});

/** Twelve weeks of answers, `perWeek` a week; the share of "got help" per week from `share`. */
async function weeks(kiosk: Kiosk, lastMonday: string, share: (week: number) => number) {
  const perWeek = 60;
  const payloads = [];
  let seq = 1;
  for (let week = 0; week < 12; week += 1) {
    const monday = new Date(
      Date.parse(`${lastMonday}T10:00:00+01:00`) - (11 - week) * 7 * 86_400_000,
    );
    const yes = Math.round(share(week) * perWeek);
    for (let i = 0; i < perWeek; i += 1) {
      payloads.push(
        interview(seq, new Date(monday.getTime() + (i % 5) * 86_400_000 + i * 60_000), {
          got_help: i < yes ? "yes" : "no",
        }),
      );
      seq += 1;
    }
  }
  await storeInterviews(db.pool, kiosk, payloads);
}

describe("an SPC signal", () => {
  const lastMonday = "2026-11-16";
  const at = local("2026-11-22T12:00:00");

  it("alerts on a point outside the p-chart limits with enough answers, never on noise", async () => {
    const noisy = await siteWithKiosk("Stabil");
    // 80 % ± a few points of noise, week by week: common-cause variation.
    await weeks(
      noisy.kiosk,
      lastMonday,
      (week) => [0.8, 0.77, 0.83, 0.8, 0.78, 0.82][week % 6] ?? 0.8,
    );
    const quiet = await rule(noisy.site, "spc_signal", { minAnswers: 30 });
    expect(await changesFor(at, quiet)).toEqual([]);

    const falling = await siteWithKiosk("Faldende");
    // The same, then the last week falls to 30 %: far outside its limits, on 60 answers.
    await weeks(falling.kiosk, lastMonday, (week) =>
      week === 11 ? 0.3 : ([0.8, 0.77, 0.83][week % 3] ?? 0.8),
    );
    const strict = await rule(falling.site, "spc_signal", { minAnswers: 1000 });
    expect(await changesFor(at, strict)).toEqual([]);
    const loud = await rule({ ...falling.site, siteId: falling.site.siteId }, "spc_signal", {
      minAnswers: 30,
    });
    expect(loud).toBe(strict); // one rule per site and kind: the second call changed it
    const changes = await checkAlerts(db.pool, at);
    const opened = changes.filter((change) => change.rule.id === loud);
    expect(opened.map((change) => change.event)).toEqual(["opened"]);
    const episode = await db.pool.query<{ subject: string }>(
      "select subject from alert_episodes where id = $1",
      [opened[0]?.episodeId],
    );
    expect(episode.rows[0]?.subject).toBe("got_help");
  });
});

describe("alert channels", () => {
  let smtp: SmtpReceiver;
  let mail: MailChannel | undefined;
  let jobs: JobRunner;
  let receiver: http.Server;
  const hooks: { body: string; signature: string; timestamp: string }[] = [];
  const secret = "a-webhook-secret-of-at-least-32-characters";

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on("end", () => {
        hooks.push({
          body,
          signature: String(req.headers["x-borgerpuls-signature"]),
          timestamp: String(req.headers["x-borgerpuls-timestamp"]),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    mail = createMailChannel({ smtpUrl: smtp.url, mailFrom: "bp@kommune.dk" }, logger);
    jobs = await startJobs(db.url, 2, {
      pool: db.pool,
      logger,
      mail,
      webhookSecret: secret,
      publicUrl: "https://bp.example.dk",
      digestHour: 7,
    });
  });
  afterAll(async () => {
    await jobs?.stop();
    mail?.close();
    await smtp?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("mails and posts a signed webhook once per opening, then once for the clearing", async () => {
    const { site, kiosk } = await siteWithKiosk("Kanaler");
    const { port } = receiver.address() as AddressInfo;
    await rule(
      site,
      "kiosk_silent",
      { hours: 1 },
      {
        emails: ["vagt@kommune.dk"],
        webhookUrl: `http://127.0.0.1:${port}/hook`,
      },
    );
    await synced(kiosk, local("2026-11-25T08:00:00"));
    const utils = await queueUtils(db.pool);
    try {
      // Two checks of the same moment (two servers' ticks): still one opening told.
      for (const _ of [1, 2])
        await utils.addJob(jobNames.checkAlerts, {
          at: local("2026-11-25T10:00:00").toISOString(),
        });
      await until(async () => hooks.length >= 1 && smtp.mails.length >= 1);
      await synced(kiosk, local("2026-11-25T10:30:00"));
      await utils.addJob(jobNames.checkAlerts, { at: local("2026-11-25T10:35:00").toISOString() });
      await until(async () => hooks.length >= 2 && smtp.mails.length >= 2);
    } finally {
      await utils.release();
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hooks).toHaveLength(2);
    expect(smtp.mails).toHaveLength(2);
    for (const hook of hooks) {
      const expected = `sha256=${createHmac("sha256", secret).update(`${hook.timestamp}.${hook.body}`).digest("hex")}`;
      expect(timingSafeEqual(Buffer.from(hook.signature), Buffer.from(expected))).toBe(true);
    }
    const bodies = hooks.map((hook) => JSON.parse(hook.body) as { event: string; text: string });
    expect(bodies.map((body) => body.event)).toEqual(["opened", "cleared"]);
    expect(bodies[0]?.text).toContain("Kiosken er tavs i åbningstiden");
    expect(smtp.mails[0]?.subject).toContain("Borgerpuls advarsel: Kiosken er tavs i åbningstiden");
    expect(smtp.mails[1]?.subject).toContain("Borgerpuls ophævet");
  }, 60_000);
});
