import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listMigrations } from "../../sync-server/migrate.ts";
import { largeTableScans, releasedUndeclared } from "../helpers/migration-scans.ts";

const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("migrations that rewrite or scan a large table under lock say so (-- rewrites: …)", () => {
  it("every migration: declared in its first line, or a released exception", () => {
    const undeclared: string[] = [];
    for (const migration of listMigrations()) {
      const sql = fs.readFileSync(migration.file, "utf8");
      const name = path.basename(migration.file);
      const slow = largeTableScans(sql);
      if (slow.length === 0 || /^-- rewrites: /.test(sql)) continue;
      if (name in releasedUndeclared) continue;
      undeclared.push(`${name}: ${slow.join("; ")}`);
    }
    expect(undeclared).toEqual([]);
  });

  it("the released exceptions are exactly those the rules find, each named in the README", () => {
    const upgrades = readme.slice(readme.indexOf("### Upgrades"), readme.indexOf("### Several"));
    for (const name of Object.keys(releasedUndeclared)) {
      const file = listMigrations().find((m) => path.basename(m.file) === name)?.file;
      expect(file, name).toBeDefined();
      expect(largeTableScans(fs.readFileSync(file ?? "", "utf8")), name).not.toEqual([]);
      expect(upgrades, name).toContain(name.slice(0, 4));
    }
  });

  it("the rules catch what PostgreSQL rewrites or scans, and nothing on small tables", () => {
    const slow = [
      "alter table responses alter column clock_offset_ms type bigint;",
      "alter table responses add constraint c check (seq > 0);",
      "alter table responses add column x integer check (x > 0);",
      "alter table responses add column site uuid references sites (id);",
      "alter table responses alter column x set not null;",
      "alter table responses add column y uuid default gen_random_uuid();",
      "alter table audit_log add primary key (id);",
      "create index responses_x_idx on responses (x);",
      "create unique index on only responses (id, local_date);",
      "update responses set x = 1;",
      "delete from responses where local_date < '2020-01-01';",
      "insert into rollup_x (n) select count(*) from responses;",
      "update rollup_x as r set n = c.n from (select count(*) as n from responses) as c;",
      "do $$ begin update responses set x = 1; end $$;",
    ];
    for (const sql of slow) expect(largeTableScans(sql), sql).not.toEqual([]);
    const fast = [
      // Small tables: a row per kiosk, per site and day.
      "alter table kiosk_health add column outbox_size integer check (outbox_size >= 0);",
      "alter table rollup_hourly alter column n type bigint;",
      "create index on sites (municipality_id);",
      // Catalogue-only changes, and a CHECK left for a later VALIDATE.
      "alter table responses add column y integer default 0;",
      "alter table responses add column note text;",
      "alter table responses add constraint c check (seq > 0) not valid;",
      "alter table responses drop column note;",
      // A table created in the same migration is empty.
      "create table responses (id uuid); create index on responses (id);",
      // A trigger's body runs per row later, not during the migration.
      "create function f() returns trigger as $$ begin update responses set x = 1; return new; end $$ language plpgsql;",
      "-- update responses set x = 1;",
      "create table responses_2031_01 (like responses);",
    ];
    for (const sql of fast) expect(largeTableScans(sql), sql).toEqual([]);
  });
});
