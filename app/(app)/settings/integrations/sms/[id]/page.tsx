import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { HealthPanel } from "@/components/settings/integrations/health-panel";
import { MessagingServiceForm } from "@/components/settings/integrations/messaging-service-form";
import { ReadinessPanel } from "@/components/settings/integrations/readiness-panel";
import { DeactivateForm, DeleteIntegrationButton, ReactivateButton, RenameForm, SettingsForm } from "@/components/settings/integrations/integration-forms";
import { Card, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { getIntegration } from "@/db/queries/integrations";
import type { SmsIntegration } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { checkIntegrationHealth } from "@/lib/integrations/health";
import { listMessagingServices } from "@/lib/integrations/messaging-service";
import { checkIntegrationReadiness } from "@/lib/integrations/readiness";
import { AppError } from "@/lib/errors";
import { DEACTIVATION_REASONS } from "@/lib/integrations/status";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { getTwilioClient } from "@/lib/twilio/client";

export const metadata: Metadata = { title: "SMS integration" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function Health({ integration }: { integration: SmsIntegration }) {
  const health = await checkIntegrationHealth({ db: await getDb(), twilio: await getTwilioClient(), integration });
  return <HealthPanel id={integration.id} health={health} />;
}

async function Readiness({ integration }: { integration: SmsIntegration }) {
  const readiness = await checkIntegrationReadiness({ db: await getDb(), twilio: await getTwilioClient(), integration });
  return readiness ? <ReadinessPanel id={integration.id} readiness={readiness} /> : null;
}

async function Sending({ integration }: { integration: SmsIntegration }) {
  const display = formatPhoneNumber(integration.phoneE164);
  let services;
  try {
    services = await listMessagingServices({ twilio: await getTwilioClient() });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <p role="alert" className="text-sm text-amber-800">
        {error.message} Reload the page to try again.
      </p>
    );
  }
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">
        Twilio recommends sending through a Messaging Service for A2P 10DLC. Customers’ texts reach this integration either way, by the number they text.
        {services.length === 0 ? " Your Twilio account has no Messaging Services yet: create one in the Twilio console (Messaging → Services) and add this number to it." : ""}
      </p>
      <MessagingServiceForm id={integration.id} current={integration.messagingServiceSid} services={services} display={display} />
    </>
  );
}

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const integration = await getIntegration({ db, id });
  if (!integration) notFound();
  const display = formatPhoneNumber(integration.phoneE164);
  const active = integration.status === "active";
  return (
    <>
      <PageHeader
        title={integration.name}
        description={
          <>
            SMS integration on {display} · {active ? "Active" : "Deactivated"} ·{" "}
            <Link href="/settings/integrations/sms" className="text-brand-700 underline">
              All SMS integrations
            </Link>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="lg:col-span-2">
          {/* Twilio may be slow to answer; the rest of the page does not wait for it. */}
          <Suspense fallback={<Card className="p-6 text-sm text-slate-600">Checking this number’s settings at Twilio…</Card>}>
            <Health integration={integration} />
          </Suspense>
        </div>
        <div className="lg:col-span-2 empty:hidden">
          <Suspense fallback={<Card className="p-6 text-sm text-slate-600">Asking Twilio about this number’s US registration…</Card>}>
            <Readiness integration={integration} />
          </Suspense>
        </div>
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">Sending</h2>
          <Suspense fallback={<p className="text-sm text-slate-600">Loading your Messaging Services…</p>}>
            <Sending integration={integration} />
          </Suspense>
        </Card>
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">Name</h2>
          <RenameForm id={integration.id} name={integration.name} />
        </Card>
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">Tickets and messages</h2>
          <SettingsForm id={integration.id} reopenWindowDays={integration.reopenWindowDays} maxMessageLength={integration.maxMessageLength} />
        </Card>
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">Status</h2>
          {active ? (
            <DeactivateForm id={integration.id} suggestions={DEACTIVATION_REASONS} />
          ) : (
            <div className="space-y-3 text-sm">
              <p role="status">
                <span className="font-medium text-red-700">Deactivated</span>
                {integration.deactivatedReason ? `: ${integration.deactivatedReason}` : ""}. Nothing is sent from {display} until it is reactivated.
              </p>
              <ReactivateButton id={integration.id} name={integration.name} />
            </div>
          )}
        </Card>
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">Delete</h2>
          <p className="mb-4 text-sm text-slate-600">Removes SMS from {display}. The number stays yours, and the tickets stay in the inbox.</p>
          <DeleteIntegrationButton id={integration.id} name={integration.name} display={display} />
        </Card>
      </div>
    </>
  );
}
