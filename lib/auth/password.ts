import { log } from "@/lib/log";

const ROUNDS = process.env.NODE_ENV === "production" ? 12 : 10;

interface Bcrypt {
  hash(password: string, rounds: number): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
}

const globalForBcrypt = globalThis as unknown as { __bcrypt?: Promise<Bcrypt>; __dummyHash?: Promise<string> };

/**
 * The native bcrypt module hashes on libuv's thread pool, so a burst of sign-ins leaves the
 * event loop free for webhooks. Where it has no prebuilt binary, the pure-JS bcryptjs (same
 * hashes, but on the main thread) keeps sign-in working, with a warning.
 */
function bcrypt(): Promise<Bcrypt> {
  globalForBcrypt.__bcrypt ??= import("bcrypt")
    .then((native): Bcrypt => native.default ?? native)
    .catch(async (error: unknown) => {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "native bcrypt did not load: hashing passwords on the main thread");
      return (await import("bcryptjs")).default;
    });
  return globalForBcrypt.__bcrypt;
}

export async function hashPassword(password: string): Promise<string> {
  return (await bcrypt()).hash(password, ROUNDS);
}

/** Checks a password against any bcrypt hash ($2a$, $2b$ or $2y$), whichever library made it. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return (await bcrypt()).compare(password, hash);
}

/** Spends the same time as a real check, so a wrong email and a wrong password look alike. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  globalForBcrypt.__dummyHash ??= hashPassword("no user has this password");
  await verifyPassword(password, await globalForBcrypt.__dummyHash);
  return false;
}
