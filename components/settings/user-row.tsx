"use client";

import { useState, useTransition } from "react";
import { changeRoleAction, setActiveAction } from "@/lib/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ResetLinkButton } from "./reset-link-button";

interface RowUser {
  id: string;
  name: string;
  email: string;
  role: "admin" | "agent";
  active: boolean;
}

export function UserRow({ user, isMe }: { user: RowUser; isMe: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [role, setRole] = useState(user.role);
  const [pending, startTransition] = useTransition();
  const roleChanged = role !== user.role;

  function run(action: () => Promise<{ ok: boolean; message?: string }>, done?: string) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.message ?? "That did not work.");
      else if (done) setNotice(done);
    });
  }

  function saveRole() {
    const chosen = role;
    run(() => changeRoleAction({ userId: user.id, role: chosen }), chosen === "admin" ? `${user.name} is now an admin.` : `${user.name} is now an agent.`);
  }

  return (
    <tr className={user.active ? "" : "bg-slate-50 text-slate-500"}>
      <td className="px-4 py-3 font-medium">
        {user.name} {isMe ? <span className="text-xs text-slate-500">(you)</span> : null}
        {error ? (
          <p role="alert" className="mt-1 text-xs font-normal text-red-600">
            {error}
          </p>
        ) : null}
        {notice ? (
          <p role="status" className="mt-1 text-xs font-normal text-green-700">
            {notice}
          </p>
        ) : null}
      </td>
      <td className="px-4 py-3">{user.email}</td>
      <td className="px-4 py-3">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.name}
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <select
            id={`role-${user.id}`}
            value={role}
            disabled={pending}
            aria-describedby={roleChanged ? `role-hint-${user.id}` : undefined}
            onChange={(event) => {
              setRole(event.target.value === "admin" ? "admin" : "agent");
              setNotice(null);
              setError(null);
            }}
            className="rounded-md border-0 bg-white py-1 pl-2 pr-8 text-sm ring-1 ring-slate-300"
          >
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
          {roleChanged ? (
            <>
              <Button variant="primary" disabled={pending} onClick={saveRole} aria-label={`Save role of ${user.name}`}>
                Save role
              </Button>
              <Button variant="ghost" disabled={pending} onClick={() => setRole(user.role)} aria-label={`Keep ${user.name}'s role`}>
                Cancel
              </Button>
              <p id={`role-hint-${user.id}`} className="w-full text-xs text-slate-600">
                {role === "admin" ? `Make ${user.name} an admin? Admins can change every setting.` : `Make ${user.name} an agent? Agents see the inbox only.`}
              </p>
            </>
          ) : null}
        </div>
      </td>
      <td className="px-4 py-3">{user.active ? "Active" : "Deactivated"}</td>
      <td className="space-x-2 px-4 py-3 text-right">
        {user.active && !isMe ? <ResetLinkButton user={user} disabled={pending} /> : null}
        {user.active ? (
          <ConfirmButton
            label={`Deactivate ${user.name}`}
            buttonText="Deactivate"
            confirmText="Deactivate"
            description={`${user.name} will be signed out at their next click and cannot sign in until reactivated. Their tickets stay.`}
            disabled={pending || isMe}
            onConfirm={() => run(() => setActiveAction({ userId: user.id, active: false }))}
          />
        ) : (
          <Button variant="secondary" disabled={pending} onClick={() => run(() => setActiveAction({ userId: user.id, active: true }))} aria-label={`Reactivate ${user.name}`}>
            Reactivate
          </Button>
        )}
      </td>
    </tr>
  );
}
