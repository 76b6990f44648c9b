import { Suspense } from "react";
import { getDb } from "@/db";
import type { SmsIntegration } from "@/db/schema";
import { checkIntegrationReadiness } from "@/lib/integrations/readiness";
import { getTwilioClient } from "@/lib/twilio/client";
import { ReadinessBadge } from "./readiness-badge";

async function Readiness({ integration }: { integration: SmsIntegration }) {
  const readiness = await checkIntegrationReadiness({ db: await getDb(), twilio: await getTwilioClient(), integration });
  if (!readiness) return <span className="text-slate-500">Not needed</span>;
  return <ReadinessBadge readiness={readiness} />;
}

/**
 * Whether US carriers take this number's texts (A2P 10DLC or toll-free verification), asked
 * of Twilio's Messaging API for each row as the page streams, like the connection beside it.
 */
export function ReadinessCell({ integration }: { integration: SmsIntegration }) {
  return (
    <Suspense fallback={<span className="text-slate-500">Checking…</span>}>
      <Readiness integration={integration} />
    </Suspense>
  );
}
