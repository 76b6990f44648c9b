import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderStartedAt: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holderPid} (started ${holderStartedAt}). ` +
        `The embedded database (PGlite) serves one process only, and two processes on one folder corrupt it. ` +
        `Stop process ${holderPid} first, or set DATABASE_URL to a PostgreSQL server to run several app processes.`,
    );
    this.name = "DataFolderLockedError";
  }
}

interface LockContents {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(lockPath: string): LockContents | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockContents;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder for this process. PGlite has no lock of its own; a lock file
 * created with O_EXCL holds the pid, and a lock whose process is gone is taken over.
 * Returns a release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "app.lock");
  const contents: LockContents = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(contents), { flag: "wx" });
      return () => {
        if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(lockPath);
      if (holder && holder.pid === process.pid) {
        return () => fs.rmSync(lockPath, { force: true });
      }
      if (holder && (holder.hostname !== os.hostname() || isAlive(holder.pid))) {
        throw new DataFolderLockedError(dataDir, holder.pid, holder.startedAt);
      }
      // The holder is gone (killed, or crashed): its lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on the data folder ${dataDir}.`);
}
