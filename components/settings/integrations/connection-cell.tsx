import Link from "next/link";
import { Suspense } from "react";
import { getDb } from "@/db";
import type { SmsIntegration } from "@/db/schema";
import { checkIntegrationHealth } from "@/lib/integrations/health";
import { getTwilioClient } from "@/lib/twilio/client";

async function Connection({ integration }: { integration: SmsIntegration }) {
  const health = await checkIntegrationHealth({ db: await getDb(), twilio: await getTwilioClient(), integration });
  const page = `/settings/integrations/sms/${integration.id}`;
  switch (health.state) {
    case "healthy":
      return <span className="text-green-700">Working</span>;
    case "misconfigured":
      return (
        <Link href={page} className="font-medium text-red-700 underline">
          Not working: repair
        </Link>
      );
    case "number-missing":
      return <span className="text-red-700">Number gone</span>;
    case "unknown":
      return (
        <span className="text-amber-800" title={health.message}>
          Could not ask Twilio
        </span>
      );
  }
}

/**
 * Whether Twilio still sends the number's texts to this app, asked of Twilio for each row as
 * the page streams; the list itself does not wait for it.
 */
export function ConnectionCell({ integration }: { integration: SmsIntegration }) {
  return (
    <Suspense fallback={<span className="text-slate-500">Checking…</span>}>
      <Connection integration={integration} />
    </Suspense>
  );
}
