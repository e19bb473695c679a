import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSite } from "../../sync-server/admin/verbs.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { runScript } from "../helpers/run-script.ts";

/** `npm run admin -- local-question …`: the same verbs as the admin API, audited as "cli". */
let db: TestDatabase;
let dir: string;
let siteId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "borgerpuls-local-cli-"));
  siteId = (await addSite(db.pool, { name: "Borgerservice", municipality: "Clikommune" })).siteId;
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

async function admin(args: string[]) {
  return runScript("sync-server/bin/admin.ts", [...args, "--json"], {
    env: { DATABASE_URL: db.url },
  });
}

function file(name: string, body: unknown): string {
  const where = path.join(dir, name);
  fs.writeFileSync(where, JSON.stringify(body));
  return where;
}

const question = {
  text: { da: "Hvad kom du for?", en: "What did you come for?" },
  answers: [
    { code: "pas", label: { da: "Pas", en: "Passport" } },
    { code: "andet", label: { da: "Andet" } },
  ],
};

describe("admin CLI: local questions", () => {
  it("adds, lists, changes (a new version) and retires a question", async () => {
    const added = await admin([
      "local-question",
      "add",
      "--code",
      "errand",
      "--site",
      siteId,
      "--file",
      file("q.json", question),
    ]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const view = JSON.parse(added.stdout) as {
      questionId: string;
      version: number;
      siteId: string;
    };
    expect(view).toMatchObject({ version: 1, siteId });
    const changed = await admin([
      "local-question",
      "change",
      view.questionId,
      "--file",
      file("q2.json", {
        ...question,
        answers: [...question.answers, { code: "skat", label: { da: "Skat" } }],
      }),
    ]);
    expect(JSON.parse(changed.stdout)).toMatchObject({ version: 2 });
    const retired = await admin(["local-question", "retire", view.questionId]);
    expect(JSON.parse(retired.stdout)).toMatchObject({ retired: true, version: 2 });
    const list = JSON.parse((await admin(["local-question", "list"])).stdout) as {
      questions: { code: string }[];
    };
    expect(list.questions.map((q) => q.code)).toEqual(["errand"]);
    const audit = await db.pool.query<{ action: string; actor: string }>(
      "select action, actor_kind as actor from audit_log where action like 'local_question.%' order by at",
    );
    expect(audit.rows).toEqual([
      { action: "local_question.added", actor: "cli" },
      { action: "local_question.changed", actor: "cli" },
      { action: "local_question.retired", actor: "cli" },
    ]);
  });

  it("says what is wrong with a bad file, with the catalogue's code and a non-zero exit", async () => {
    const bad = await admin([
      "local-question",
      "add",
      "--code",
      "nodanish",
      "--file",
      file("bad.json", { ...question, text: { en: "Only English" } }),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Danish is required/);
    const missing = await admin([
      "local-question",
      "add",
      "--code",
      "x",
      "--file",
      "/no/such.json",
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Cannot read/);
  });
});
