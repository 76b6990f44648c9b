"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, label, children }: { href: string; /** The link's name when its content is an icon. */ label?: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      // Not fetched ahead: the header is on every page, so every page load of every agent would
      // otherwise render each page it links to on the server, which nobody opens that often.
      prefetch={false}
      aria-current={active ? "page" : undefined}
      aria-label={label}
      className={`rounded-md px-2 py-2 sm:px-3 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
    >
      {children}
    </Link>
  );
}
