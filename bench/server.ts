import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { nodeFlags } from "../scripts/node-flags.mjs";

export interface AppServer {
  url: string;
  process: ChildProcess;
  /** Resident memory of the app (all its processes) now, in MB. */
  rssMb(): number;
  peakRssMb(): number;
  resetPeak(): void;
  /** Everything the process wrote to stdout and stderr so far (only with `captureOutput`). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** `pid` and every process under it (next start runs the server in a child). */
export function descendants(pid: number): number[] {
  const out = [pid];
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    for (const child of children) out.push(...descendants(child));
  } catch {
    // The process has gone.
  }
  return out;
}

export async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not become healthy`);
}

interface StartOptions {
  port: number;
  env: Record<string, string | undefined>;
  /** Keep stdout and stderr in memory (for `output()`) instead of passing stderr through. */
  captureOutput?: boolean;
  /** How long to wait for /api/health to answer 200. */
  timeoutMs?: number;
  /** Flags for node itself (e.g. --cpu-prof), which NODE_OPTIONS does not take. */
  nodeArgs?: string[];
}

/** Starts the production build (`next start`) with its own environment and the node flags `npm start` gives it. */
export async function startApp({ port, env, captureOutput = false, timeoutMs, nodeArgs = [] }: StartOptions): Promise<AppServer> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", PORT: String(port), ...env };
  const child = spawn(process.execPath, [...nodeFlags(childEnv), ...nodeArgs, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    env: childEnv,
    stdio: captureOutput ? ["ignore", "pipe", "pipe"] : ["ignore", "ignore", "inherit"],
  });
  const chunks: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const currentRss = () => descendants(child.pid!).reduce((sum, pid) => sum + rssMb(pid), 0);
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, currentRss());
  }, 100);
  try {
    await waitForHealth(url, timeoutMs);
  } catch (error) {
    clearInterval(sampler);
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}${captureOutput ? `\n${chunks.join("")}` : ""}`);
  }
  return {
    url,
    process: child,
    rssMb: currentRss,
    output: () => chunks.join(""),
    kill: async () => {
      clearInterval(sampler);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      for (const pid of descendants(child.pid!).reverse()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await exited;
    },
    peakRssMb: () => peak,
    resetPeak: () => {
      peak = 0;
    },
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
