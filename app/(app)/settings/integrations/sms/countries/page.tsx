import type { Metadata } from "next";
import Link from "next/link";
import { AddCountryForm, RemoveCountryButton } from "@/components/settings/integrations/country-controls";
import { Card, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { getAllowedCountries } from "@/lib/integrations/countries";
import { allCountries } from "@/lib/phone/countries";
import { countryFlag, countryName } from "@/lib/phone/normalize";

export const metadata: Metadata = { title: "Integrations → SMS → Countries" };

export default async function CountriesPage({ searchParams }: { searchParams: Promise<{ country?: string | string[] }> }) {
  await requireAdmin();
  const { country: asked } = await searchParams;
  const allowed = await getAllowedCountries({ db: await getDb() });
  const allowedCodes = new Set(allowed.map((country) => country.code));
  const defaults = allowed.filter((country) => country.isDefault);
  const added = allowed.filter((country) => !country.isDefault);
  const options = allCountries().filter((country) => !allowedCodes.has(country.code));
  // "Allow Brazil" on the SMS integrations page comes here with the country chosen, to confirm.
  const chosen = options.find((option) => option.code === (typeof asked === "string" ? asked.toUpperCase() : null));
  return (
    <>
      <PageHeader
        title="Countries"
        description={
          <>
            Customers can text you, and be texted, only from the countries listed here (decided by their phone number).{" "}
            <Link href="/settings/integrations/sms" className="text-brand-700 underline">
              Back to SMS integrations
            </Link>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Card className="p-6">
            <h2 className="mb-4 text-base font-semibold">Allow another country</h2>
            <AddCountryForm options={options} chosen={chosen?.code} />
          </Card>
          <Card className="p-6">
            <h2 className="mb-2 text-base font-semibold">Added by an admin</h2>
            {added.length === 0 ? (
              <p className="text-sm text-slate-600">None yet.</p>
            ) : (
              <ul aria-label="Countries added by an admin" className="divide-y divide-slate-100">
                {added.map((country) => (
                  <li key={country.code} className="flex items-center justify-between py-2 text-sm">
                    <span>
                      {countryFlag(country.code)} {country.name}
                    </span>
                    <RemoveCountryButton code={country.code} name={country.name} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Card className="p-6">
          <h2 className="mb-1 text-base font-semibold">Allowed by default</h2>
          <p className="mb-3 text-sm text-slate-600">
            Always allowed; these cannot be removed. Guernsey, Jersey and the Isle of Man share the United Kingdom&apos;s +44 numbers and are allowed
            with it.
          </p>
          <ul aria-label="Countries allowed by default" className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
            {defaults.map((country) => (
              <li key={country.code} className={country.alongside ? "pl-5" : undefined}>
                {countryFlag(country.code)} {country.name}
                {country.alongside ? <span className="text-slate-600"> (with the {countryName(country.alongside)})</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
