import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { describeError, errorText } from "./log";

const BODY = "my card ends 4242";

describe("describeError", () => {
  it("keeps a failed query's code and statement, never its parameters or the server's words", () => {
    const cause = Object.assign(new Error(`invalid input syntax for type uuid: "${BODY}"`), { severity: "ERROR", code: "22P02" });
    const error = new DrizzleQueryError('insert into "messages" ("body", "from_e164") values ($1, $2)', [BODY, "+12065550177"], cause);
    expect(describeError(error)).toEqual({ name: "DatabaseError", code: "22P02", operation: "insert into messages" });
    expect(errorText(error)).toBe("database error 22P02 (insert into messages)");
  });

  it("names the table a select or update read", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(describeError(new DrizzleQueryError('select "id" from "tickets" where "id" = $1', ["x"], refused))).toEqual({ name: "DatabaseError", code: "ECONNREFUSED", operation: "select from tickets" });
    expect(describeError(new DrizzleQueryError('update "customers" set "name" = $1', ["Ann"], refused)).operation).toBe("update customers");
  });

  it("keeps other errors' name and message", () => {
    expect(describeError(new TypeError("fetch failed"))).toEqual({ name: "TypeError", message: "fetch failed" });
    expect(errorText("plain")).toBe("plain");
  });
});
