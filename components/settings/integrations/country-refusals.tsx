import Link from "next/link";
import type { CountryRefusals } from "@/lib/integrations/refusals";

/** The countries named one by one; the rest are counted together. */
const SHOWN = 5;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function breakdown({ countries, unknown }: CountryRefusals): string {
  const parts = countries.slice(0, SHOWN).map((country) => `${country.name} (${country.count})`);
  const others = countries.slice(SHOWN);
  if (others.length > 0) parts.push(`${plural(others.length, "other country", "other countries")} (${others.reduce((sum, c) => sum + c.count, 0)})`);
  if (unknown > 0) parts.push(`an unknown country (${unknown})`);
  return parts.join(", ");
}

/**
 * On the SMS integrations page: how many customers' texts the inbox refused lately because
 * of their country, and where to allow each one.
 */
export function CountryRefusalsSummary({ refusals, days }: { refusals: CountryRefusals; days: number }) {
  if (refusals.total === 0) {
    return <p className="mt-3 text-sm text-slate-600">No text was refused for its country in the last {days} days.</p>;
  }
  const allowable = refusals.countries.filter((country) => country.canAllow).slice(0, SHOWN);
  return (
    <div className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <p>
        {plural(refusals.total, "text", "texts")} refused in the last {days} days from countries not allowed: {breakdown(refusals)}. Those customers got
        no reply.
      </p>
      {allowable.length > 0 ? (
        <ul aria-label="Refused countries to allow" className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          {allowable.map((country) => (
            <li key={country.code}>
              <Link href={`/settings/integrations/sms/countries?country=${country.code}`} className="font-medium text-brand-700 underline">
                Allow {country.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <Link href="/settings/audit/refused" className="mt-2 inline-block text-brand-700 underline">
        See refused texts
      </Link>
    </div>
  );
}
