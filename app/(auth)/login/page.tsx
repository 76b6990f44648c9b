import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/page";
import { getDb } from "@/db";
import { countUsers } from "@/db/queries/users";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  await connection();
  if ((await countUsers({ db: await getDb() })) === 0) redirect("/setup");
  if (await getSessionUser()) redirect("/tickets");
  return (
    <Card className="p-6">
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <Suspense>
        <LoginForm />
      </Suspense>
    </Card>
  );
}
