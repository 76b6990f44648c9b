"use client";

import { inputClass } from "@/components/ui/field";
import type { CountryOption } from "@/lib/phone/countries";
import { countryFlag, countryName, formatPhoneNumber, type CountryCode } from "@/lib/phone/normalize";
import type { HandsetSender } from "@/lib/sandbox/simulator-validation";

const HINT =
  "Any format; numbers without a country code are read as the country below. To try a one-time-passcode sender, which the inbox refuses, type a short code (3 to 8 digits, like 12345) or a sender ID (up to 11 letters and digits, like AMAZON).";

function describeSender(sender: HandsetSender): string {
  if (!sender.ok) return sender.message;
  switch (sender.kind) {
    case "phone":
      return `${countryFlag(sender.country)} ${sender.country ? countryName(sender.country) : "Unknown country"} · ${formatPhoneNumber(sender.sender)}`;
    case "short-code":
      return `Short code ${sender.sender} · texts as a one-time-passcode sender would: the inbox should refuse it.`;
    case "alphanumeric":
      return `Sender ID “${sender.sender}” · texts as a one-time-passcode sender would: the inbox should refuse it.`;
  }
}

/** Choose or type the customer's phone, in any format and any country, or a short code or sender ID. */
export function HandsetPicker({
  input,
  onInput,
  defaultCountry,
  onDefaultCountry,
  parsed,
  recent,
  countries,
}: {
  input: string;
  onInput: (value: string) => void;
  defaultCountry: CountryCode;
  onDefaultCountry: (value: CountryCode) => void;
  parsed: HandsetSender | null;
  recent: string[];
  /** Named on the server: browsers' and Node's country names differ, and would not hydrate. */
  countries: CountryOption[];
}) {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="sandbox-handset" className="block text-sm font-medium text-slate-700">
          Customer phone number
        </label>
        <input
          id="sandbox-handset"
          className={inputClass}
          value={input}
          onChange={(event) => onInput(event.target.value)}
          placeholder="+1 206 555 0142"
          autoComplete="off"
          aria-invalid={parsed && !parsed.ok ? true : undefined}
          aria-describedby="sandbox-handset-status"
        />
        <p id="sandbox-handset-status" aria-live="polite" className={`text-sm ${parsed && !parsed.ok ? "text-red-600" : "text-slate-600"}`}>
          {parsed === null ? HINT : describeSender(parsed)}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="sandbox-country" className="block text-sm font-medium text-slate-700">
          Country for local numbers
        </label>
        <select id="sandbox-country" className={inputClass} value={defaultCountry} onChange={(event) => onDefaultCountry(event.target.value as CountryCode)}>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {countryFlag(country.code)} {country.name} (+{country.callingCode})
            </option>
          ))}
        </select>
      </div>
      {recent.length > 0 ? (
        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-700">Recent phones</h3>
          <ul className="flex flex-wrap gap-2">
            {recent.map((phone) => (
              <li key={phone}>
                <button
                  type="button"
                  onClick={() => onInput(phone)}
                  className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800 hover:bg-slate-200"
                  aria-pressed={parsed?.ok === true && parsed.sender === phone}
                >
                  {formatPhoneNumber(phone)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
