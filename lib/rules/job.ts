/** The job kind that runs rules for one inbound message; payload { messageId, ticketCreated }. */
export const RULES_RUN_JOB = "rules.run";
