import type { JobHandlers } from "@/lib/jobs/catalog";
import { runBulkStepJob } from "@/lib/bulk/run";
import { downloadInboundMedia } from "@/lib/inbound/media";
import { sendMessageJob } from "@/lib/outbound/send";
import { compactReportRollupsJob } from "@/lib/reports/compact";
import { runRulesJob } from "@/lib/rules/run";
import { sandboxJobHandlers } from "@/lib/sandbox/jobs";
import { wakeTicketJob } from "@/lib/tickets/snooze";

/**
 * The handler of every job kind in the catalog (lib/jobs/catalog.ts), given to the worker at
 * start. Only the start-up (and tests) import this, so no domain module depends on another's
 * jobs, or on the sandbox.
 */
export const jobHandlers: JobHandlers = {
  "media.download": downloadInboundMedia,
  "message.send": sendMessageJob,
  "rules.run": runRulesJob,
  "bulk.run": runBulkStepJob,
  "reports.compact": compactReportRollupsJob,
  "ticket.wake": wakeTicketJob,
  ...sandboxJobHandlers,
};
