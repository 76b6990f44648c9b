import type { Metadata } from "next";
import Link from "next/link";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <main className="mx-auto max-w-2xl px-4 py-6 md:py-8">
      <PageHeader title="Your account" description={`You sign in as ${user.email}, as ${user.role === "admin" ? "an admin" : "an agent"}.`} />
      <Card className="mb-6 p-6">
        <h2 className="mb-4 text-base font-semibold">Profile</h2>
        <ProfileForm name={user.name} email={user.email} />
      </Card>
      <Card className="mb-6 p-6">
        <h2 className="mb-1 text-base font-semibold">Your macros</h2>
        <p className="text-sm text-slate-600">
          {user.role === "admin" ? (
            <>
              Saved replies and macros for everyone are under <Link href="/settings/saved-replies" className="font-medium text-brand-700 underline">Settings → Saved replies</Link>.
            </>
          ) : (
            <>
              Saved replies and macros only you see, when admins allow it: <Link href="/macros" className="font-medium text-brand-700 underline">Your macros</Link>.
            </>
          )}
        </p>
      </Card>
      <Card className="p-6">
        <h2 className="mb-1 text-base font-semibold">Change password</h2>
        <p className="mb-4 text-sm text-slate-600">Your other devices and browsers are signed out when you change it.</p>
        <PasswordForm email={user.email} />
      </Card>
    </main>
  );
}
