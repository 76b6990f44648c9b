import { availableParallelism } from "node:os";
import { env } from "@/env";
import { log } from "@/lib/log";

const ROUNDS = env().NODE_ENV === "production" ? 12 : 10;
/**
 * Hashes at once: half the cores, so the event loop keeps a core for webhooks, and libuv's
 * thread pool (4 threads, shared with file and DNS work) is never filled with hashes.
 */
const HASHES_AT_ONCE = Math.max(1, Math.min(2, Math.floor(availableParallelism() / 2)));
/** Checks waiting beyond this are refused at once rather than kept waiting for minutes. */
const MAX_WAITING = 200;

/** Too many password checks are queued; the caller should ask the person to retry shortly. */
export class PasswordChecksBusy extends Error {
  constructor() {
    super("Too many password checks are waiting.");
    this.name = "PasswordChecksBusy";
  }
}

let running = 0;
const waiting: Array<() => void> = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHES_AT_ONCE) {
    if (waiting.length >= MAX_WAITING) throw new PasswordChecksBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is given back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

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
  const engine = await bcrypt();
  return inTurn(() => engine.hash(password, ROUNDS));
}

/** Checks a password against any bcrypt hash ($2a$, $2b$ or $2y$), whichever library made it. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const engine = await bcrypt();
  return inTurn(() => engine.compare(password, hash));
}

/** Spends the same time as a real check, so a wrong email and a wrong password look alike. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  globalForBcrypt.__dummyHash ??= hashPassword("no user has this password");
  await verifyPassword(password, await globalForBcrypt.__dummyHash);
  return false;
}
