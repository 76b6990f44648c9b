"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { Card, EmptyState } from "@/components/ui/page";
import type { CountryOption } from "@/lib/phone/countries";
import type { CountryCode } from "@/lib/phone/normalize";
import type { SimulatorNumber, SimulatorState } from "@/lib/sandbox/simulator";
import { readHandsetSender } from "@/lib/sandbox/simulator-validation";
import { fetchSimulatorState } from "./api";
import { Composer } from "./composer";
import { Conversation } from "./conversation";
import { HandsetPicker } from "./handset-picker";
import { sandboxKeys } from "./keys";
import { ReachableToggle } from "./reachable-toggle";
import { RegistrationPicker } from "./registration-picker";
import { SandboxAccount, type SandboxAccountDetails } from "./sandbox-account";
import { useStickToBottom } from "@/components/ui/use-stick-to-bottom";
import { useSandboxEvents } from "./use-sandbox-events";

function numberLabel(number: SimulatorNumber): string {
  const can = number.sms ? (number.mms ? "SMS and MMS" : "SMS only") : "voice only, cannot receive texts";
  return `${number.flag} ${number.display} · ${number.friendlyName} (${can})`;
}

function NoNumbers({ isAdmin }: { isAdmin: boolean }) {
  return (
    <EmptyState
      title="No business number to text yet"
      action={
        isAdmin ? (
          <Link href="/settings/phone-numbers" className={buttonClass("primary")}>
            Get a number
          </Link>
        ) : null
      }
    >
      {isAdmin
        ? "Buy a sandbox number under Settings → Phone numbers, then come back to text it as a customer."
        : "An admin buys a sandbox number under Settings → Phone numbers; then you can text it from here."}
    </EmptyState>
  );
}

export function PhoneSimulator({
  initialState,
  account,
  isAdmin,
  countries,
}: {
  initialState: SimulatorState;
  account: SandboxAccountDetails | null;
  isAdmin: boolean;
  countries: CountryOption[];
}) {
  const [input, setInput] = useState("");
  const [defaultCountry, setDefaultCountry] = useState<CountryCode>("US");
  const [business, setBusiness] = useState<string | null>(initialState.business);
  const parsed = input.trim() ? readHandsetSender(input, defaultCountry) : null;
  const handset = parsed?.ok ? parsed.sender : null;
  useSandboxEvents();
  const query = useQuery({
    queryKey: sandboxKeys.phone(handset, business),
    queryFn: () => fetchSimulatorState(handset, business),
    initialData: handset === null && business === initialState.business ? initialState : undefined,
    placeholderData: keepPreviousData,
    // Events drive updates; this only catches up if the event stream is down.
    refetchInterval: 15_000,
    staleTime: 0,
  });
  const state = query.data ?? initialState;
  const selected = state.numbers.find((number) => number.phoneNumber === (business ?? state.business)) ?? null;
  const shownHandset = state.handset?.phoneNumber === handset ? state.handset : null;

  const businessName = selected ? selected.friendlyName || selected.display : "";
  const conversationMessages = handset && shownHandset ? state.messages : [];
  const last = conversationMessages.at(-1);
  const conversationRef = useRef<HTMLElement>(null);
  const { onScroll, onContentLoad, stick } = useStickToBottom(conversationRef, {
    conversation: `${handset ?? ""}|${selected?.phoneNumber ?? ""}`,
    version: `${conversationMessages.length}|${last?.sid ?? ""}|${last?.status ?? ""}|${last?.webhookError ?? ""}`,
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <div className="space-y-4">
        {state.numbers.length > 0 ? (
          <Card className="p-4">
            <SelectField label="Business number to text" name="business" value={selected?.phoneNumber ?? ""} onChange={(event) => setBusiness(event.target.value)}>
              {state.numbers.map((number) => (
                <option key={number.phoneNumber} value={number.phoneNumber}>
                  {numberLabel(number)}
                </option>
              ))}
            </SelectField>
            {selected && !selected.hasWebhook ? (
              <p className="mt-2 text-sm text-amber-800">This number has no SMS webhook configured: texts to it will not reach the app.</p>
            ) : null}
            {isAdmin && selected?.registration ? <RegistrationPicker
                key={selected.phoneNumber}
                number={{ ...selected, registration: selected.registration }}
                usCarrierRules={state.usCarrierRules}
              /> : null}
          </Card>
        ) : null}
        <Card className="p-4">
          <HandsetPicker
            input={input}
            onInput={setInput}
            defaultCountry={defaultCountry}
            onDefaultCountry={setDefaultCountry}
            parsed={parsed}
            recent={state.handsets}
            countries={countries}
          />
        </Card>
        {shownHandset?.failure ? <ReachableToggle handset={shownHandset} /> : null}
        {account ? <SandboxAccount account={account} numbers={state.numbers} usCarrierRules={state.usCarrierRules} /> : null}
      </div>
      {state.numbers.length === 0 ? (
        <NoNumbers isAdmin={isAdmin} />
      ) : (
        // A phone's screen: as tall as the window allows, the conversation scrolling inside it
        // and the composer always in view.
        <Card className="flex h-[calc(100dvh-4rem)] min-h-[26rem] flex-col p-4 lg:h-[calc(100dvh-12rem)]">
          {selected ? (
            <p className="mb-3 truncate border-b border-slate-200 pb-3 text-sm text-slate-600">
              To <span className="font-medium text-slate-900">{businessName}</span> · {selected.display}
            </p>
          ) : null}
          <section
            ref={conversationRef}
            onScroll={onScroll}
            aria-label="Simulated phone"
            // Focusable, so the conversation scrolls from the keyboard too.
            tabIndex={0}
            className="min-h-0 flex-1 overflow-y-auto overscroll-contain pb-4"
          >
            {handset && selected ? (
              <Conversation
                messages={conversationMessages}
                handsetName={shownHandset?.display ?? handset}
                businessName={businessName}
                onMediaLoad={onContentLoad}
              />
            ) : (
              <p className="py-12 text-center text-sm text-slate-500">Type or choose a customer phone number to see its messages.</p>
            )}
          </section>
          {selected ? <Composer handset={handset} business={selected.phoneNumber} canSendFiles={selected.mms} onSent={stick} /> : null}
        </Card>
      )}
    </div>
  );
}
