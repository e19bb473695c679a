import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommand, runCommand } from "../../sync-server/admin/cli.ts";
import { routeOf } from "../../sync-server/dashboard/app/router.ts";
import { digestKey, duePeriod } from "../../sync-server/digest/digest-period.ts";
import { longDate } from "../../sync-server/digest/digest-words.ts";
import { jobNames } from "../../sync-server/jobs/job-context.ts";
import { type JobRunner, startJobs } from "../../sync-server/jobs/start-jobs.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { createMailChannel, type MailChannel } from "../../sync-server/notify/mail-channel.ts";
import { upsertSubscription } from "../../sync-server/queries/digest-subscriptions.ts";
import { addDays, localClock } from "../../sync-server/reports/local-time.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addUser, interview, storeInterviews, twoSiteFixture } from "../helpers/fixtures.ts";
import { queuedJobs, queueUtils, until } from "../helpers/job-queue.ts";
import { type SmtpReceiver, startSmtpReceiver } from "../helpers/smtp-receiver.ts";

let db: TestDatabase;
let smtp: SmtpReceiver;
let mail: MailChannel | undefined;
let jobs: JobRunner;
let fixture: Awaited<ReturnType<typeof twoSiteFixture>>;
const logger = createLogger("silent");
const publicUrl = "https://borgerpuls.example.dk";
// The planner runs "now" at 09:00 Copenhagen time today, so yesterday's digests are due.
const today = localClock(new Date(), "Europe/Copenhagen").date;
const yesterday = addDays(today, -1);
const at = copenhagenNine(today);
/** 09:00 on a date in Copenhagen: the offset is whichever (+01:00, +02:00) reads 09:00 there. */
function copenhagenNine(date: string): Date {
  const candidates = ["+01:00", "+02:00"].map((offset) => new Date(`${date}T09:00:00${offset}`));
  return (
    candidates.find((at) => localClock(at, "Europe/Copenhagen").minute === 9 * 60) ??
    new Date(`${date}T08:00:00Z`)
  );
}
// Site A yesterday: 40 answers, 30 of them "got help" (75 %); site B: 3 answers (under k = 5).
const helped = 30;
const answered = 40;

async function plan(when: Date) {
  const utils = await queueUtils(db.pool);
  try {
    await utils.addJob(jobNames.planDigests, { at: when.toISOString() });
  } finally {
    await utils.release();
  }
}

const mailsTo = (address: string) =>
  smtp.mails.filter((m: ParsedMail) => m.to && !Array.isArray(m.to) && m.to.text === address);

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpReceiver();
  fixture = await twoSiteFixture(db.pool);
  const start = new Date(`${yesterday}T10:00:00Z`);
  await storeInterviews(
    db.pool,
    fixture.kioskA,
    Array.from({ length: answered }, (_, i) =>
      interview(i + 1, new Date(start.getTime() + i * 60_000), {
        got_help: i < helped ? "yes" : "no",
        guidance: "good",
        improve: i % 4 === 0 ? "could_be_better" : "nothing",
        ...(i % 4 === 0 ? { improve_reasons: ["shorter_wait"] } : {}),
        ...(i === 8 ? { improve_text: "Længere åbningstid <b>tak</b>" } : {}),
      }),
    ),
  );
  await storeInterviews(
    db.pool,
    fixture.kioskB,
    Array.from({ length: 3 }, (_, i) =>
      interview(i + 1, new Date(start.getTime() + i * 60_000), { got_help: "yes" }),
    ),
  );
  const chiefA = await addUser(db.pool, {
    email: "chef.a@kommune.dk",
    role: "chief",
    siteIds: [fixture.siteA.siteId],
    municipality: "Testkommune",
  });
  const chiefB = await addUser(db.pool, {
    email: "chef.b@kommune.dk",
    role: "chief",
    siteIds: [fixture.siteB.siteId],
    municipality: "Testkommune",
  });
  const english = await addUser(db.pool, {
    email: "analyst@kommune.dk",
    role: "analyst",
    siteIds: [fixture.siteA.siteId],
    municipality: "Testkommune",
  });
  for (const [user, language] of [
    [chiefA, "da"],
    [chiefB, "da"],
    [english, "en"],
  ] as const) {
    await upsertSubscription(db.pool, {
      municipalityId: user.municipalityId,
      userId: user.userId,
      frequency: "daily",
      language,
    });
  }
  mail = createMailChannel({ smtpUrl: smtp.url, mailFrom: "Borgerpuls <bp@kommune.dk>" }, logger);
  jobs = await startJobs(db.url, 2, {
    pool: db.pool,
    logger,
    mail,
    webhookSecret: undefined,
    publicUrl,
    digestHour: 7,
  });
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
  mail?.close();
  await smtp?.stop();
  await db?.drop();
});

describe("the daily digest over real SMTP", () => {
  it("sends each subscriber yesterday's figures once, in their language, small groups hidden", async () => {
    await plan(at);
    await smtp.waitFor(3);
    const [a] = mailsTo("chef.a@kommune.dk");
    expect(a?.subject).toBe(`Borgerpuls: dagens tal for ${longDate(yesterday, "da")}`);
    expect(a?.headers.get("content-language")).toBe("da");
    const html = String(a?.html);
    expect(html).toContain('<html lang="da">');
    // 30 of 40: 75 %, written the Danish way, with its interval and n.
    expect(a?.text).toContain(`Fik hjælp: ${(helped / answered) * 100} %`);
    expect(a?.text).toContain(`n = ${answered}`);
    expect(a?.text).toContain(`Kortere ventetid: ${answered / 4}`);
    // The comment is scrubbed text, escaped in the HTML part.
    expect(html).toContain("Længere åbningstid &lt;b&gt;tak&lt;/b&gt;");
    expect(html).not.toContain("<b>tak</b>");
    // Every link leads into the dashboard, to a page it has.
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const link of links) {
      expect(link.startsWith(`${publicUrl}/dashboard/`)).toBe(true);
      expect(routeOf(new URL(link.replaceAll("&amp;", "&")).pathname), link).not.toBeNull();
    }

    const [b] = mailsTo("chef.b@kommune.dk");
    // Site B's 3 answers are under k = 5: no figure, as on the dashboard.
    expect(b?.text).toContain("Fik hjælp: – skjult (under 5 svar)");
    expect(b?.text).not.toMatch(/Fik hjælp: \d/);

    const [en] = mailsTo("analyst@kommune.dk");
    expect(en?.subject).toBe(`Borgerpuls: the figures for ${longDate(yesterday, "en")}`);
    expect(en?.text).toContain(`Got help: ${(helped / answered) * 100} %`);
  });

  it("sends nothing twice when the planner runs again", async () => {
    await plan(at);
    await plan(new Date(at.getTime() + 3_600_000));
    await until(async () => (await queuedJobs(db.pool)).length === 0 && true);
    expect(smtp.mails).toHaveLength(3);
  });

  it("retries while SMTP is down and delivers once when it is back", async () => {
    const late = await addUser(db.pool, {
      email: "sen@kommune.dk",
      role: "chief",
      siteIds: [fixture.siteA.siteId],
      municipality: "Testkommune",
    });
    await upsertSubscription(db.pool, {
      municipalityId: late.municipalityId,
      userId: late.userId,
      frequency: "daily",
      language: "da",
    });
    await smtp.stop();
    await plan(at);
    const period = duePeriod("daily", at, "Europe/Copenhagen", 7);
    if (!period) throw new Error("yesterday's digest should be due at 09:00");
    const failed = await until(async () =>
      (await queuedJobs(db.pool)).find(
        (job) => job.key === digestKey(late.userId, period) && job.last_error !== null,
      ),
    );
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(mailsTo("sen@kommune.dk")).toHaveLength(0);
    await smtp.start();
    await until(async () => mailsTo("sen@kommune.dk").length > 0, 60_000);
    await plan(at);
    await until(async () => (await queuedJobs(db.pool)).length === 0 && true);
    expect(mailsTo("sen@kommune.dk")).toHaveLength(1);
  }, 90_000);
});

describe("a restart", () => {
  it("loses no job: one planned while no server runs is sent by the next to start", async () => {
    const back = await addUser(db.pool, {
      email: "efter@kommune.dk",
      role: "chief",
      siteIds: [fixture.siteA.siteId],
      municipality: "Testkommune",
    });
    await upsertSubscription(db.pool, {
      municipalityId: back.municipalityId,
      userId: back.userId,
      frequency: "daily",
      language: "da",
    });
    await jobs.stop();
    await plan(at);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mailsTo("efter@kommune.dk")).toHaveLength(0);
    expect((await queuedJobs(db.pool)).map((job) => job.task)).toContain(jobNames.planDigests);
    jobs = await startJobs(db.url, 2, {
      pool: db.pool,
      logger,
      mail,
      webhookSecret: undefined,
      publicUrl,
      digestHour: 7,
    });
    await until(async () => mailsTo("efter@kommune.dk").length > 0);
    await until(async () => (await queuedJobs(db.pool)).length === 0 && true);
    expect(mailsTo("efter@kommune.dk")).toHaveLength(1);
  });
});

describe("the admin verbs", () => {
  const run = (argv: string[]) =>
    runCommand(db.pool, parseCommand(argv), {
      readPassword: async () => undefined,
      logger,
      progress: () => {},
      notifications: {
        smtpUrl: smtp.url,
        mailFrom: "bp@kommune.dk",
        publicUrl,
        webhookSecret: undefined,
        digestHour: 7,
        jobConcurrency: 0,
        defaultPublicUrl: "http://localhost:8080",
      },
    });

  it("digest send mails one user's digest for a given date at once", async () => {
    const before = mailsTo("chef.a@kommune.dk").length;
    const result = await run([
      "digest",
      "send",
      "--user",
      "Chef.A@kommune.dk",
      "--date",
      yesterday,
    ]);
    expect(result.sent).toEqual([expect.objectContaining({ from: yesterday, outcome: "sent" })]);
    const mails = mailsTo("chef.a@kommune.dk");
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.text).toContain(`Fik hjælp: ${(helped / answered) * 100} %`);
    await expect(run(["digest", "send", "--user", "nobody@kommune.dk"])).rejects.toThrow(
      /No enabled user/,
    );
    await expect(
      run(["digest", "send", "--user", "chef.a@kommune.dk", "--date", "2026-02-30"]),
    ).rejects.toThrow(/--date/);
  });

  it("jobs lists pending and failed jobs", async () => {
    const utils = await queueUtils(db.pool);
    try {
      await utils.addJob(jobNames.retention, {}, { runAt: new Date(Date.now() + 86_400_000) });
    } finally {
      await utils.release();
    }
    const result = (await run(["jobs"])) as { pending: { task: string }[]; failed: unknown[] };
    expect(result.pending.map((job) => job.task)).toContain(jobNames.retention);
    expect(result.failed).toEqual([]);
  });
});
