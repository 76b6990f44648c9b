import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { descendants, type AppServer } from "@/bench/server";

const PROBE = pathToFileURL(path.resolve("tests/faults/support/heap-probe-preload.mjs")).href;

/** A folder for the probes' answers, and the environment that loads the probe into an app process. */
export function heapProbe(): { env: Record<string, string>; dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heap-probe-"));
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : "";
  return {
    dir,
    env: { HEAP_PROBE_DIR: dir, NODE_OPTIONS: `${inherited}--import ${PROBE}` },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

interface ProbeAnswer {
  at: number;
  heapUsed: number;
  external: number;
}

/**
 * The memory still alive in an app (all its processes) after each collected its garbage
 * fully, in MB: JavaScript objects plus the buffers they hold outside the heap.
 */
export async function liveMb(app: AppServer, dir: string, timeoutMs = 30_000): Promise<number> {
  const asked = Date.now();
  const pids = descendants(app.process.pid!);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGUSR2");
    } catch {
      // Gone.
    }
  }
  const deadline = asked + timeoutMs;
  for (;;) {
    const answers = pids.map((pid) => read(path.join(dir, `${pid}.json`)));
    if (answers.every((answer) => answer && answer.at >= asked)) {
      return answers.reduce((sum, answer) => sum + (answer!.heapUsed + answer!.external) / 2 ** 20, 0);
    }
    if (Date.now() > deadline) throw new Error(`app processes ${pids.join(", ")} did not report their live memory within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function read(file: string): ProbeAnswer | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as ProbeAnswer;
  } catch {
    return null;
  }
}
