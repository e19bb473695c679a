import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorCatalogue } from "../../shared/errors.ts";
import { databaseErrorCode, fromDatabaseError } from "../../sync-server/db-errors.ts";

describe("PostgreSQL errors onto the catalogue", () => {
  it.each([
    ["57P01", "database_unavailable"], // admin_shutdown: pg_terminate_backend, fast shutdown
    ["57P03", "database_unavailable"], // cannot_connect_now: starting up or in recovery
    ["08006", "database_unavailable"],
    ["53100", "database_full"],
    ["53300", "database_unavailable"], // too_many_connections
    ["25006", "database_read_only"],
    ["57014", "database_timeout"], // statement_timeout
    ["55P03", "database_timeout"], // lock_timeout
    ["ECONNREFUSED", "database_unavailable"],
  ])("maps %s to %s", (code, expected) => {
    expect(databaseErrorCode({ code, message: "x" })).toBe(expected);
  });

  it("maps node-postgres's own messages, which carry no SQLSTATE", () => {
    expect(databaseErrorCode(new Error("Connection terminated unexpectedly"))).toBe(
      "database_unavailable",
    );
    expect(databaseErrorCode(new Error("timeout exceeded when trying to connect"))).toBe(
      "database_timeout",
    );
  });

  it("leaves bugs alone: constraint violations, syntax errors, anything else", () => {
    for (const code of ["23505", "42601", "22P02", "40P01"])
      expect(fromDatabaseError({ code, message: "x" })).toBeUndefined();
    expect(fromDatabaseError(new TypeError("x is undefined"))).toBeUndefined();
  });

  it("only ever answers a 503 from the catalogue, for any input", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const error = fromDatabaseError(value);
        if (error) expect(errorCatalogue[error.code].status).toBe(503);
      }),
      { seed: 10, numRuns: 2000 },
    );
  });
});
