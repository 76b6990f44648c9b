/**
 * A job worker in a process of its own, over the PostgreSQL database named by its argument:
 * it polls for due jobs every 100 ms, as an app process's worker does, and prints how many it
 * ran. Tests start it with tsx to show that work queued by one process is done by another.
 */
import { openPostgres } from "@/db/drivers";
import { runDueJobs } from "@/lib/jobs/worker";
import { jobHandlers } from "@/lib/setup/jobs";

async function main(url: string | undefined) {
  if (!url) throw new Error("usage: job-worker-process.ts <postgres url>");
  const handle = await openPostgres(url);
  let stopping = false;
  process.on("SIGTERM", () => {
    stopping = true;
  });
  process.stdout.write("ready\n");
  while (!stopping) {
    const ran = await runDueJobs({ db: handle.db, handlers: jobHandlers });
    if (ran > 0) process.stdout.write(`ran ${ran}\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await handle.close();
}

void main(process.argv[2]);
