import { EmptyState } from "@/components/ui/page";

/** What an agent sees where they would create their own macro while admins do not allow it. */
export function OwnMacrosOff() {
  return (
    <EmptyState title="Agents cannot create their own macros here">
      Only admins create macros and saved replies at the moment. Ask an admin to tick “Agents may create their own macros” under Settings → Saved replies. You can still use
      everyone&apos;s from the composer, and use or delete the ones you made before.
    </EmptyState>
  );
}
