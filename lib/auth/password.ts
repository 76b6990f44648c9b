import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { env } from "@/env";
import { log } from "@/lib/log";

/**
 * bcrypt's cost for new hashes (a stored hash keeps its own). Test runs set the least, 4:
 * they check who gets in and when, not how slow a guess is, and hundreds of sign-ins at cost
 * 12 made them CPU-bound.
 */
export function hashRounds({ PASSWORD_HASH_ROUNDS, NODE_ENV }: { PASSWORD_HASH_ROUNDS?: number; NODE_ENV?: string } = env()): number {
  return PASSWORD_HASH_ROUNDS ?? (NODE_ENV === "production" ? 12 : NODE_ENV === "test" ? 4 : 10);
}
const ROUNDS = hashRounds();
/**
 * Hashes at once: half the cores, each on its own low-priority thread (below), so the event
 * loop keeps a core for webhooks.
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

type HashJob = { op: "hash"; password: string; rounds: number } | { op: "compare"; password: string; hash: string };

/**
 * A hashing thread: it lowers its own CPU priority to the lowest (nice 19, which on Linux is
 * the calling thread's alone), then hashes with native bcrypt, or bcryptjs where native bcrypt
 * has no binary. So on a busy machine webhooks and pages always run before a sign-in's hash:
 * a flood of sign-ins waits, the inbox does not.
 */
const HASH_THREAD = `
const os = require("node:os");
const { parentPort } = require("node:worker_threads");
try { os.setPriority(19); } catch {}
let engine;
try { engine = require("bcrypt"); } catch { engine = require("bcryptjs"); }
parentPort.on("message", (job) => {
  try {
    const value = job.op === "hash" ? engine.hashSync(job.password, job.rounds) : engine.compareSync(job.password, job.hash);
    parentPort.postMessage({ value });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
`;

class HashThread {
  private readonly worker: Worker;
  private pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  broken = false;

  constructor() {
    this.worker = new Worker(HASH_THREAD, { eval: true });
    this.worker.unref();
    this.worker.on("message", (reply: { value?: unknown; error?: string }) => {
      const pending = this.pending;
      this.pending = null;
      this.worker.unref();
      if (reply.error !== undefined) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.value);
    });
    const fail = (error: Error) => {
      this.broken = true;
      this.pending?.reject(error);
      this.pending = null;
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the hashing thread stopped (exit code ${code})`)));
  }

  run(job: HashJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      // Held while it hashes, so a script that hashes a password waits for it.
      this.worker.ref();
      this.worker.postMessage(job);
    });
  }
}

const globalForBcrypt = globalThis as unknown as { __bcrypt?: Promise<Bcrypt>; __dummyHash?: Promise<string>; __hashThreads?: HashThread[] };

/** A free hashing thread (at most HASHES_AT_ONCE are busy: `inTurn` sees to it). */
function idleThread(): HashThread {
  const threads = (globalForBcrypt.__hashThreads ??= []);
  for (let i = threads.length - 1; i >= 0; i--) if (threads[i]?.broken) threads.splice(i, 1);
  const idle = threads.find((thread) => !busyThreads.has(thread));
  if (idle) return idle;
  const thread = new HashThread();
  threads.push(thread);
  return thread;
}
const busyThreads = new Set<HashThread>();

async function onHashThread<T>(job: HashJob): Promise<T> {
  const thread = idleThread();
  busyThreads.add(thread);
  try {
    return (await thread.run(job)) as T;
  } finally {
    busyThreads.delete(thread);
  }
}

/**
 * In-process hashing, where a thread cannot be started: native bcrypt hashes on libuv's thread
 * pool; bcryptjs (same hashes, on the main thread) keeps sign-in working, with a warning.
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

async function run<T>(job: HashJob): Promise<T> {
  try {
    return await onHashThread<T>(job);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "hashing thread failed: hashing in the app's own threads");
    const engine = await bcrypt();
    return (job.op === "hash" ? engine.hash(job.password, job.rounds) : engine.compare(job.password, job.hash)) as Promise<T>;
  }
}

export async function hashPassword(password: string): Promise<string> {
  return inTurn(() => run<string>({ op: "hash", password, rounds: ROUNDS }));
}

/** Checks a password against any bcrypt hash ($2a$, $2b$ or $2y$), whichever library made it. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return inTurn(() => run<boolean>({ op: "compare", password, hash }));
}

/** Spends the same time as a real check, so a wrong email and a wrong password look alike. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  globalForBcrypt.__dummyHash ??= hashPassword("no user has this password");
  await verifyPassword(password, await globalForBcrypt.__dummyHash);
  return false;
}
