import type { Metadata } from "next";
import { AddUserForm } from "@/components/settings/add-user-form";
import { UserRow } from "@/components/settings/user-row";
import { Card, PageHeader } from "@/components/ui/page";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireAdmin();
  const users = await listUsers({ db: await getDb() });
  return (
    <>
      <PageHeader title="Users" description="Agents answer tickets in the inbox. Admins also manage numbers, integrations, rules and users." />
      <Card className="relative mb-8 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <UserRow key={user.id} user={{ id: user.id, name: user.name, email: user.email, role: user.role, active: user.active }} isMe={user.id === me.id} />
            ))}
          </tbody>
        </table>
      </Card>
      <Card className="max-w-lg p-6">
        <h2 className="mb-4 text-base font-semibold">Add a user</h2>
        <AddUserForm />
      </Card>
    </>
  );
}
