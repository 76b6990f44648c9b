"use client";

import { setMessagingServiceAction } from "@/lib/integrations/actions";
import { useActionForm } from "@/components/hooks/use-action-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import type { MessagingServiceOption } from "@/lib/integrations/messaging-service";

/** Send from the number itself, or through one of the account's Messaging Services. */
export function MessagingServiceForm({ id, current, services, display }: { id: string; current: string | null; services: MessagingServiceOption[]; display: string }) {
  const { state, pending, onSubmit } = useActionForm(setMessagingServiceAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const unknownCurrent = current && !services.some((service) => service.sid === current);
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Send through">
      <input type="hidden" name="id" value={id} />
      <SelectField label="Send through" name="messagingServiceSid" defaultValue={current ?? ""} error={errors?.messagingServiceSid}>
        <option value="">The number itself ({display})</option>
        {services.map((service) => (
          <option key={service.sid} value={service.sid}>
            Messaging Service “{service.friendlyName}” ({service.sid})
          </option>
        ))}
        {unknownCurrent ? <option value={current}>A Messaging Service no longer in your account ({current})</option> : null}
      </SelectField>
      <FormMessage message={state ? (state.ok ? "Saved: replies go out this way from now on." : state.message) : null} tone={state?.ok ? "success" : "error"} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
