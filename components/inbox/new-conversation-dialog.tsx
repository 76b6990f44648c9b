"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { PolicyMatch } from "@/lib/outbound/policy-warning";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { composerCounter } from "@/lib/sms/counter";
import type { IntegrationOption } from "@/lib/tickets/options";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField, inputClass } from "@/components/ui/field";
import { ApiError, inboxApi } from "./api";
import { PolicyWarningPanel } from "./policy-warning";
import { inboxKeys } from "./query-keys";

interface Props {
  open: boolean;
  onClose: () => void;
  integrations: IntegrationOption[];
  defaultIntegration?: string;
  onStarted: (ticketId: string) => void;
}

/** Local numbers are read in the sending number's country: the hint says which, with an example. */
function phoneHint(integration: IntegrationOption | undefined): string {
  if (!integration?.local) return "Any format, with + and the country code.";
  return `Any format: +, the country code and the number, or a ${integration.local.countryName} number as written there, like ${integration.local.example}.`;
}

/** An agent texts a customer first: their number in any format, the SMS integration, the message. */
export function NewConversationDialog({ open, onClose, integrations, defaultIntegration, onStarted }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [phone, setPhone] = useState("");
  const [integrationId, setIntegrationId] = useState(integrations.find((i) => i.id === defaultIntegration)?.id ?? integrations[0]?.id ?? "");
  const [body, setBody] = useState("");
  const [warning, setWarning] = useState<PolicyMatch | null>(null);
  const integration = integrations.find((option) => option.id === integrationId);
  const counter = composerCounter(body, integration?.maxMessageLength ?? 160);

  const start = useMutation({
    mutationFn: (override: string | null) => {
      const form = new FormData();
      form.set("phone", phone);
      form.set("integrationId", integrationId);
      form.set("body", body);
      if (override) form.set("policyOverride", override);
      return inboxApi.startConversation(form);
    },
    onSuccess: ({ ticketId }) => {
      setPhone("");
      setBody("");
      setWarning(null);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
      onStarted(ticketId);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.policy) setWarning(error.policy);
    },
  });

  const { reset } = start;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      // A new start: no error left over from the last attempt.
      reset();
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open, reset]);

  function submit(override: string | null = null) {
    if (counter.over || !body.trim() || start.isPending) return;
    if (!override) {
      const policy = checkMessagingPolicy(body);
      if (!policy.ok) {
        setWarning({ category: policy.category, label: policy.label, matched: policy.matched });
        return;
      }
    }
    start.mutate(override);
  }

  const apiError = start.error instanceof ApiError ? start.error : null;
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="new-conversation-title" className="m-auto w-full max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="new-conversation-title" className="text-base font-semibold text-slate-900">
        New conversation
      </h2>
      <p className="mt-1 text-sm text-slate-600">Text a customer first. Their answer lands on the same ticket.</p>
      <form
        className="mt-4 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <SelectField label="Send from" name="integrationId" value={integrationId} onChange={(event) => {
            setIntegrationId(event.target.value);
            start.reset();
          }} error={apiError?.fieldErrors?.integrationId}>
          {integrations.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name} ({option.phoneDisplay})
            </option>
          ))}
        </SelectField>
        <TextField
          label="Customer's phone number"
          name="phone"
          value={phone}
          onChange={(event) => {
            setPhone(event.target.value);
            start.reset();
          }}
          hint={phoneHint(integration)}
          error={apiError?.fieldErrors?.phone}
          autoComplete="off"
          required
        />
        <div className="space-y-1">
          <label htmlFor="new-conversation-body" className="block text-sm font-medium text-slate-700">
            First message
          </label>
          <textarea
            id="new-conversation-body"
            value={body}
            rows={3}
            onChange={(event) => {
              setBody(event.target.value);
              setWarning(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                submit();
              }
            }}
            aria-describedby="new-conversation-counter"
            aria-invalid={counter.over ? true : undefined}
            className={inputClass}
          />
          <p id="new-conversation-counter" className={`text-xs ${counter.over ? "font-medium text-red-700" : "text-slate-500"}`}>
            {counter.summary}
            {counter.over ? " — over the limit" : ""}
          </p>
          {counter.unicodeHint ? <p className="text-xs text-amber-800">{counter.unicodeHint}</p> : null}
        </div>
        {warning ? <PolicyWarningPanel policy={warning} pending={start.isPending} onSendAnyway={() => submit(warning.category)} onEdit={() => setWarning(null)} /> : null}
        <FormMessage message={apiError && !apiError.policy && !apiError.fieldErrors?.phone && !apiError.fieldErrors?.integrationId ? apiError.message : null} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={counter.over || !body.trim() || !phone.trim() || start.isPending}>
            {start.isPending ? "Sending…" : "Send"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
