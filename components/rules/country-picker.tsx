"use client";

import { inputClass } from "@/components/ui/field";

/** Several countries: chosen ones as removable chips, the rest in a select to add from. */
export function CountryPicker({ label, id, selected, countries, onChange, error }: {
  label: string;
  id: string;
  selected: string[];
  countries: { code: string; name: string }[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  const nameOf = (code: string) => countries.find((country) => country.code === code)?.name ?? code;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {selected.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label={`Chosen: ${label}`}>
          {selected.map((code) => (
            <li key={code} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pr-1 pl-3 text-sm text-brand-700">
              {nameOf(code)}
              <button
                type="button"
                className="rounded-full px-2 text-brand-700 hover:bg-brand-100"
                aria-label={`Remove ${nameOf(code)}`}
                onClick={() => onChange(selected.filter((chosen) => chosen !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <select
        id={id}
        className={inputClass}
        value=""
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          if (event.target.value) onChange([...selected, event.target.value]);
        }}
      >
        <option value="">{selected.length ? "Add another country…" : "Choose a country…"}</option>
        {countries
          .filter((country) => !selected.includes(country.code))
          .map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
