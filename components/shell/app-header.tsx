import Link from "next/link";
import type { User } from "@/db/schema";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user, sandbox }: { user: User; sandbox: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-6">
        {/* On a phone the Inbox link stands in for the name, so the header fits on one line. */}
        <Link href="/tickets" prefetch={false} className="hidden whitespace-nowrap font-semibold text-brand-700 sm:inline">
          SMS Inbox
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/tickets">Inbox</NavLink>
          {/* Reports and Account are icons on a phone, so the header still fits on one line. */}
          <NavLink href="/reports" label="Reports">
            <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5 sm:hidden">
              <path d="M3 17h14v1.5H3V17Zm1-6h3v5H4v-5Zm4.5-5h3v10h-3V6ZM13 9h3v7h-3V9Z" />
            </svg>
            <span className="hidden sm:inline">Reports</span>
          </NavLink>
          {user.role === "admin" ? <NavLink href="/settings">Settings</NavLink> : null}
          <NavLink href="/account" label="Account">
            <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5 sm:hidden">
              <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0H3Z" />
            </svg>
            <span className="hidden sm:inline">Account</span>
          </NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-2 sm:gap-4">
          {sandbox ? (
            <div className="flex items-center gap-2">
              <span id="sandbox-explanation" className="hidden text-xs text-slate-500 lg:inline">
                No Twilio account connected: text your inbox as a customer.
              </span>
              <Link
                href="/sandbox/phone"
                prefetch={false}
                aria-describedby="sandbox-explanation"
                className="whitespace-nowrap rounded-full bg-amber-100 px-3 py-1 text-xs font-medium text-amber-900 hover:bg-amber-200"
                // The caption is hidden on narrow screens; the tooltip still explains there.
                title="No Twilio account is connected: messages go to a built-in test carrier. Open the phone simulator to text your inbox as a customer."
              >
                <span className="sm:hidden">Simulator</span>
                <span className="hidden sm:inline">Sandbox · Phone simulator</span>
              </Link>
            </div>
          ) : null}
          <span className="hidden text-sm text-slate-600 sm:inline">
            {user.name} <span className="text-slate-500">({user.role})</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
