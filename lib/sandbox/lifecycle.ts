import type { Database, DbOrTx } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { insertSandboxMedia } from "@/db/queries/sandbox-media";
import { getSandboxMessage, moveSandboxMessage, type SandboxMessage, type SandboxMessageChanges } from "@/db/queries/sandbox-messages";
import type { JobHandler } from "@/lib/jobs/catalog";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { enqueueStatusCallback } from "./callbacks";
import { carrierFate, isHandsetReachable } from "./carrier";
import { fetchMediaUrls, type FetchedMedia } from "./media-fetch";
import { runJobsSoon, stepDelayMs } from "./schedule";
import { newSid } from "./sids";
import { usCarrierFate } from "./us-carriers";

export const ADVANCE_JOB = "sandbox.advance";

type Step = "sending" | "sent" | "final";
// The status a message must still have for a step to apply.
const BEFORE: Record<Step, string> = { sending: "queued", sent: "sending", final: "sent" };

/** Schedules a message's next step, in the caller's transaction. */
export async function enqueueAdvance({ db, sid, step, mediaUrls = [] }: { db: DbOrTx; sid: string; step: Step; mediaUrls?: string[] }): Promise<void> {
  await enqueueJob({
    db,
    job: {
      kind: ADVANCE_JOB,
      payload: { sid, step, mediaUrls },
      dedupeKey: `${ADVANCE_JOB}:${sid}:${step}`,
      runAt: new Date(Date.now() + stepDelayMs()),
    },
  });
}

async function transition({
  db,
  message,
  changes,
  next,
  media = [],
}: {
  db: Database;
  message: SandboxMessage;
  changes: SandboxMessageChanges;
  next?: Step;
  media?: FetchedMedia[];
}): Promise<void> {
  const moved = await db.transaction(async (tx) => {
    const row = await moveSandboxMessage({ db: tx, sid: message.sid, fromStatus: message.status, changes });
    if (!row) return null;
    await insertSandboxMedia({
      db: tx,
      media: media.map((item, index) => ({
        sid: newSid("ME"),
        messageSid: row.sid,
        accountSid: row.accountSid,
        // Distinct times keep the media in the order of the MediaUrls.
        dateCreated: new Date(row.dateUpdated.getTime() + index),
        ...item,
      })),
    });
    if (next) await enqueueAdvance({ db: tx, sid: row.sid, step: next });
    await enqueueStatusCallback({ db: tx, message: row });
    await publishInboxEvent({ db: tx, event: { type: "sandbox.updated", handset: row.to } });
    return row;
  });
  if (moved) runJobsSoon(next ? stepDelayMs() : 0);
}

/**
 * One step of an outgoing message's life: queued → sending (its media fetched) → sent →
 * delivered, or failed / undelivered where the carrier says so (a failing handset, or US
 * carriers' rules on unregistered senders). Each step is its own
 * durable job, so a restart resumes where it stopped.
 */
export const runAdvanceJob: JobHandler<"sandbox.advance"> = async ({ db, payload }) => {
  const { sid, step, mediaUrls } = payload;
  const message = await getSandboxMessage({ db, sid });
  // Deleted, or this step already happened (the job ran twice).
  if (!message || message.status !== BEFORE[step]) return;

  if (step === "sending") {
    const fetched = mediaUrls.length > 0 ? await fetchMediaUrls(mediaUrls) : { ok: true as const, media: [] };
    if (!fetched.ok) {
      return transition({ db, message, changes: { status: "failed", errorCode: fetched.errorCode, errorMessage: fetched.errorMessage } });
    }
    return transition({ db, message, changes: { status: "sending" }, next: "sent", media: fetched.media });
  }

  // US carriers refuse a text from an unregistered number whatever the handset does.
  const fate = (await usCarrierFate({ db, from: message.from, to: message.to })) ?? carrierFate(message.to, await isHandsetReachable({ db, handset: message.to }));
  if (step === "sent") {
    if (fate.status === "failed") return transition({ db, message, changes: { status: "failed", errorCode: fate.errorCode, errorMessage: fate.errorMessage } });
    return transition({ db, message, changes: { status: "sent", dateSent: new Date() }, next: "final" });
  }
  return transition({ db, message, changes: { status: fate.status, errorCode: fate.errorCode, errorMessage: fate.errorMessage } });
}
