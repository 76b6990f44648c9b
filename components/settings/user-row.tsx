"use client";

import { useState, useTransition } from "react";
import { changeRoleAction, setActiveAction } from "@/app/(app)/settings/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";

interface RowUser {
  id: string;
  name: string;
  email: string;
  role: "admin" | "agent";
  active: boolean;
}

export function UserRow({ user, isMe }: { user: RowUser; isMe: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(action: () => Promise<{ ok: boolean; message?: string }>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.message ?? "That did not work.");
    });
  }

  return (
    <tr className={user.active ? "" : "bg-slate-50 text-slate-500"}>
      <td className="px-4 py-3 font-medium">
        {user.name} {isMe ? <span className="text-xs text-slate-400">(you)</span> : null}
        {error ? (
          <p role="alert" className="mt-1 text-xs font-normal text-red-600">
            {error}
          </p>
        ) : null}
      </td>
      <td className="px-4 py-3">{user.email}</td>
      <td className="px-4 py-3">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.name}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={pending}
          onChange={(event) => run(() => changeRoleAction({ userId: user.id, role: event.target.value }))}
          className="rounded-md border-0 bg-white py-1 pl-2 pr-8 text-sm ring-1 ring-slate-300"
        >
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td className="px-4 py-3">{user.active ? "Active" : "Deactivated"}</td>
      <td className="px-4 py-3 text-right">
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
