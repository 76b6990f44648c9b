import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Card } from "@/components/ui/page";
import { getDb } from "@/db";
import { checkPasswordResetLink } from "@/lib/users/password-reset";

// The link's secret is in the address: it must not travel to other sites as a referrer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const link = await checkPasswordResetLink({ db: await getDb(), token: decodeURIComponent(token) });
  return (
    <Card className="p-6">
      <h1 className="mb-4 text-lg font-semibold">Choose a new password</h1>
      {link.ok ? (
        <ResetPasswordForm token={decodeURIComponent(token)} name={link.name} email={link.email} />
      ) : (
        <>
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {link.message}
          </p>
          <p className="mt-4 text-sm">
            <Link href="/login" className="font-medium text-brand-700 underline">
              Go to sign in
            </Link>
          </p>
        </>
      )}
    </Card>
  );
}
