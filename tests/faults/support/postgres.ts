import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const BIN = process.env.PG_BIN_DIR || "/usr/lib/postgresql/15/bin";

export interface PrivatePostgres {
  /** A new empty database on this server. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m fast`: every connection is cut, as when the server is restarted or fails over. */
  stop(): void;
  start(): void;
  /** Stops the server and deletes its data folder. */
  destroy(): void;
}

// initdb and postgres refuse to run as root; run them as the postgres user then.
function run(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? "runuser" : path.join(BIN, command), asRoot ? ["-u", "postgres", "--", path.join(BIN, command), ...args] : args, { stdio: "pipe" });
}

/**
 * A PostgreSQL server of the test's own, in a temporary folder on its own port, that the
 * test may stop and start (never the machine's shared server).
 */
export function startPrivatePostgres(port: number): PrivatePostgres {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sms-inbox-pg-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const logFile = path.join(dir, "server.log");
  const start = () => {
    try {
      run("pg_ctl", ["-D", data, "-o", options, "-l", logFile, "-w", "start"]);
    } catch (error) {
      // Most often the port is taken, by a server an interrupted run left behind.
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-2000) : "";
      throw new Error(`The test's PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${log}`);
    }
  };
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  try {
    start();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let running = true;
  const server = `postgres://postgres@127.0.0.1:${port}`;
  return {
    async createDatabase(name) {
      const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      return `${server}/${name}`;
    },
    stop() {
      stop();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) stop();
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
