import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { getAuthOptions } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { testDatabases, useDatabase } from "../support/database";

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

/** What the sign-in form would show: "signed in", or the message next-auth hands back. */
async function signIn(email: string, password: string, address = "198.51.100.1"): Promise<string> {
  const [provider] = (await getAuthOptions()).providers as unknown as [{ options: { authorize: Authorize } }];
  try {
    const user = await provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": address } });
    return user ? "signed in" : "refused";
  } catch (error) {
    return (error as Error).message;
  }
}

let seq = 0;
function uniqueEmail(prefix: string) {
  return `${prefix}-${++seq}-${Date.now()}@example.com`;
}

function uniqueAddress() {
  return `203.0.113.${++seq % 250}`;
}

const WRONG = "Wrong email or password.";
// Tests that check dozens of passwords, one hash at a time on half the cores: seconds on an
// idle machine, longer when other suites share the CPU.
const PASSWORD_CHECKS_TIMEOUT_MS = 120_000;

describe.each(testDatabases())("sign-in throttling on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(async () => {
    useDatabase(undefined as never);
    await handle.close();
  });

  async function untilAddressLocked(address: string) {
    for (;;) {
      const rows = await handle.db.execute(sql`select 1 from sign_in_throttles where key = ${`ip:${address}`} and locked_until > now()`);
      if (rowsOf(rows).length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function addUser(email: string, password: string) {
    await insertUser({ db: handle.db, user: { name: "Pat", email, passwordHash: await hashPassword(password), role: "agent" } });
  }

  it("lets the first wrong passwords through, then locks the email for a while", async () => {
    const email = uniqueEmail("someone");
    await addUser(email, "the right password");
    for (let i = 0; i < 4; i++) expect(await signIn(email.toUpperCase(), `guess ${i}`)).toBe(WRONG);
    expect(await signIn(email, "guess 5")).toMatch(/^Too many failed sign-ins for this email\. Wait (2\d|30) seconds, then try again\.$/);
    expect(await signIn(email, "the right password")).toMatch(/^Too many failed sign-ins for this email/);
    expect(await signIn(uniqueEmail("other"), "guess")).toBe(WRONG);
  });

  it("refuses the right password sent after 99 wrong ones at once", async () => {
    const email = uniqueEmail("target");
    await addUser(email, "the right password");
    const answers = await Promise.all([
      ...Array.from({ length: 99 }, (_, i) => signIn(email, `guess ${i}`, uniqueAddress())),
      signIn(email, "the right password", uniqueAddress()),
    ]);
    expect(answers.at(-1)).toMatch(/^Too many failed sign-ins for this email/);
    expect(answers).not.toContain("signed in");
    // Only the free attempts reached a password check.
    expect(answers.filter((answer) => answer === WRONG).length).toBeLessThanOrEqual(4);
  });

  it("slows down an email nobody has exactly like a real one", async () => {
    const email = uniqueEmail("nobody");
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(email, `guess ${i}`, uniqueAddress())));
    expect(answers.filter((answer) => answer === WRONG).length).toBeLessThanOrEqual(4);
    expect(answers.filter((answer) => answer.startsWith("Too many failed sign-ins for this email")).length).toBeGreaterThanOrEqual(26);
  });

  it("locks an address that guesses across many emails, and not the others", async () => {
    const address = "192.0.2.77";
    const email = uniqueEmail("colleague");
    await addUser(email, "the right password");
    const spray = Promise.all(Array.from({ length: 40 }, (_, i) => signIn(uniqueEmail(`spray${i}`), "guess", address)));
    // The colleague signs in from that address once it is locked, while the guesses are still
    // being checked one hash at a time (the first lock lasts 30 seconds; on a busy machine
    // checking all the guesses can take longer).
    await untilAddressLocked(address);
    expect(await signIn(email, "the right password", address)).toMatch(/^Too many failed sign-ins from your network/);
    const answers = await spray;
    expect(answers.filter((answer) => answer === WRONG).length).toBeLessThanOrEqual(29);
    expect(answers.filter((answer) => answer.startsWith("Too many failed sign-ins from your network")).length).toBeGreaterThanOrEqual(10);
    expect(await signIn(email, "the right password", "192.0.2.78")).toBe("signed in");
  }, PASSWORD_CHECKS_TIMEOUT_MS);

  it("does not hold successful sign-ins against a shared address", async () => {
    const address = "192.0.2.90";
    const email = uniqueEmail("office");
    await addUser(email, "the right password");
    for (let i = 0; i < 32; i++) expect(await signIn(email, "the right password", address)).toBe("signed in");
  }, PASSWORD_CHECKS_TIMEOUT_MS);

  it("lets the right password in once the lock has passed, and the email starts afresh", async () => {
    const email = uniqueEmail("patient");
    await addUser(email, "the right password");
    for (let i = 0; i < 5; i++) await signIn(email, `guess ${i}`, uniqueAddress());
    expect(await signIn(email, "the right password")).toMatch(/^Too many failed sign-ins for this email/);
    await handle.db.execute(sql`update sign_in_throttles set locked_until = now() - interval '1 second' where key = ${`email:${email}`}`);
    expect(await signIn(email, "the right password")).toBe("signed in");
    expect(await signIn(email, "guess again")).toBe(WRONG);
  });
});
