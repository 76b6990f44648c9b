// Who has a ticket open, as components show it; what db/queries/presence returns (db/
// imports nothing from lib/), named here so that components depend on lib/, not on the data layer.
export type { TicketViewer } from "@/db/queries/presence";
