import type { SimulatorState } from "@/lib/sandbox/simulator";

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? "Something went wrong. Try again.";
}

export async function fetchSimulatorState(handset: string | null, business: string | null): Promise<SimulatorState> {
  const query = new URLSearchParams();
  if (handset) query.set("handset", handset);
  if (business) query.set("business", business);
  const response = await fetch(`/sandbox/phone/state?${query}`, { cache: "no-store" });
  if (!response.ok) throw new Error(await readError(response));
  return (await response.json()) as SimulatorState;
}

export async function sendHandsetText(form: FormData): Promise<void> {
  const response = await fetch("/sandbox/phone/messages", { method: "POST", body: form });
  if (!response.ok) throw new Error(await readError(response));
}

export async function setReachable(handset: string, reachable: boolean): Promise<void> {
  const response = await fetch("/sandbox/phone/reachable", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ handset, reachable }),
  });
  if (!response.ok) throw new Error(await readError(response));
}

export async function setRegistration(business: string, registration: string): Promise<void> {
  const response = await fetch("/sandbox/phone/registration", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ business, registration }),
  });
  if (!response.ok) throw new Error(await readError(response));
}

export async function setUsCarrierRules(on: boolean): Promise<void> {
  const response = await fetch("/sandbox/phone/carrier-rules", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ on }),
  });
  if (!response.ok) throw new Error(await readError(response));
}
