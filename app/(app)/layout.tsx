import { AppHeader } from "@/components/shell/app-header";
import { Providers } from "@/components/shell/providers";
import { requireUser } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <div className="flex min-h-full flex-col">
        <AppHeader user={user} sandbox={twilioMode() === "sandbox"} />
        <div className="flex-1">{children}</div>
      </div>
    </Providers>
  );
}
