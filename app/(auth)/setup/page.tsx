import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/auth/setup-form";
import { Card } from "@/components/ui/page";
import { getDb } from "@/db";
import { countUsers } from "@/db/queries/users";

export const metadata: Metadata = { title: "Create the admin account" };

export default async function SetupPage() {
  await connection();
  if ((await countUsers({ db: await getDb() })) > 0) redirect("/login");
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold">Welcome</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        Create the first admin account. Admins connect phone numbers, set up SMS integrations and add agents.
      </p>
      <SetupForm />
    </Card>
  );
}
