import type { DbOrTx } from "@/db/client";
import { listAssignableUsers, listRuleIntegrations } from "@/db/queries/rules";
import { allCountries } from "@/lib/phone/countries";
import { getBusinessHours } from "./store";

/** What the rule form and the Test panel offer: integrations, agents, countries, and whether business hours exist. */
export async function loadRuleFormOptions({ db }: { db: DbOrTx }) {
  const [integrations, users, hours] = await Promise.all([listRuleIntegrations({ db }), listAssignableUsers({ db }), getBusinessHours({ db })]);
  return {
    integrations,
    users,
    countries: allCountries().map(({ code, name }) => ({ code, name })),
    businessHoursSet: hours !== null,
    businessHours: hours,
  };
}
