import type { ChartId, ReportChart, ReportColumn } from "./charts";
import type { ReportContext } from "./context";
import { busiestHours, delivery, failures, messages, usage } from "./message-charts";
import { conversations, optOuts, refused } from "./ticket-charts";
import { agents, responseTimes } from "./time-charts";

export type { ReportContext } from "./context";

const BUILDERS: Record<ChartId, (context: ReportContext) => Promise<ReportChart>> = {
  conversations,
  messages,
  "response-times": responseTimes,
  agents,
  delivery,
  failures,
  "opt-outs": optOuts,
  refused,
  "busiest-hours": busiestHours,
  usage,
};

export function buildChart(id: ChartId, context: ReportContext): Promise<ReportChart> {
  return BUILDERS[id](context);
}

export type { ReportColumn };
