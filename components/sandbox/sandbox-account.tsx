import { inputClass } from "@/components/ui/field";
import type { SimulatorNumber } from "@/lib/sandbox/simulator";
import { UsCarrierPanel } from "./us-carrier-panel";

export interface SandboxAccountDetails {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
}

function ReadOnlyField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input id={id} readOnly value={value} className={`${inputClass} font-mono text-xs`} />
    </div>
  );
}

/**
 * Admins only: the sandbox's credentials, to call its Twilio API with curl or an SDK, and its
 * numbers' registration with US carriers.
 */
export function SandboxAccount({ account, numbers, usCarrierRules }: { account: SandboxAccountDetails; numbers: SimulatorNumber[]; usCarrierRules: boolean }) {
  const curl = `curl -u "${account.accountSid}:${account.authToken}" ${account.apiBaseUrl}/2010-04-01/Accounts/${account.accountSid}/IncomingPhoneNumbers.json`;
  return (
    <details className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Sandbox account</summary>
      <div className="mt-3 space-y-3">
        <p className="text-xs text-slate-600">The built-in Twilio sandbox answers Twilio&apos;s REST API with these credentials. Keep them private.</p>
        <ReadOnlyField id="sandbox-account-sid" label="Account SID" value={account.accountSid} />
        <ReadOnlyField id="sandbox-auth-token" label="Auth token" value={account.authToken} />
        <ReadOnlyField id="sandbox-api-base" label="API base URL" value={account.apiBaseUrl} />
        <ReadOnlyField id="sandbox-curl" label="Try it" value={curl} />
        <UsCarrierPanel numbers={numbers} usCarrierRules={usCarrierRules} />
      </div>
    </details>
  );
}
