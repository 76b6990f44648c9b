/** How long a Twilio webhook waits for the database before it answers 503: well inside Twilio's 15 s. */
export const WEBHOOK_DATABASE_DEADLINE_MS = 5_000;

/** The database work of a request did not finish in time: answered like an outage (503), and Twilio tries again. */
export class DatabaseDeadlineExceeded extends Error {
  readonly code = "DATABASE_DEADLINE";
  constructor(ms: number) {
    super(`The database did not answer within ${ms} ms.`);
    this.name = "DatabaseDeadlineExceeded";
  }
}

/**
 * Runs `work`, or gives up waiting for it after `ms`. The work itself is not stopped: a
 * webhook's writes are keyed by Twilio's MessageSid, so if they land after the 503, Twilio's
 * next try finds them stored and gets its 200 then. Nothing is acknowledged before it is stored.
 */
export async function withinDatabaseDeadline<T>(work: () => Promise<T>, ms = WEBHOOK_DATABASE_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const running = work();
  // Once the answer has gone out, nobody waits for the work; its failure is not news.
  running.catch(() => {});
  try {
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DatabaseDeadlineExceeded(ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
