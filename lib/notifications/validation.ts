import { z } from "zod";

export const notificationSettingsSchema = z.object({
  desktop: z.boolean(),
  sound: z.boolean(),
  newUnassigned: z.boolean(),
  myTickets: z.boolean(),
  assignedToMe: z.boolean(),
});

/** What an agent chose to be notified of. */
export type NotificationChoices = z.infer<typeof notificationSettingsSchema>;
