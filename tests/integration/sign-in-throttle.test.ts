import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { clearFailedSignIns, FREE_ATTEMPTS, recordFailedSignIn, signInLockedUntil } from "@/lib/auth/throttle";
import { testDatabases } from "../support/database";

describe.each(testDatabases())("sign-in throttling on $name", (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("lets the first failures through, then locks the email for a while", async () => {
    const email = "Someone@Example.com";
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) {
      await recordFailedSignIn({ db: handle.db, email });
      expect(await signInLockedUntil({ db: handle.db, email })).toBeNull();
    }
    await recordFailedSignIn({ db: handle.db, email: email.toLowerCase() });
    const until = await signInLockedUntil({ db: handle.db, email });
    expect(until).not.toBeNull();
    expect(until!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await signInLockedUntil({ db: handle.db, email: "other@example.com" })).toBeNull();

    await clearFailedSignIns({ db: handle.db, email });
    expect(await signInLockedUntil({ db: handle.db, email })).toBeNull();
  });
});
