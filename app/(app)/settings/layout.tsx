import { NavLink } from "@/components/shell/nav-link";
import { requireAdmin } from "@/lib/auth/session";

const sections = [
  { href: "/settings/integrations/sms", label: "Integrations → SMS" },
  { href: "/settings/phone-numbers", label: "Phone numbers" },
  { href: "/settings/rules", label: "Rules" },
  { href: "/settings/canned-replies", label: "Saved replies" },
  { href: "/settings/business-hours", label: "Business hours" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/audit", label: "Audit log" },
];

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div className="mx-auto flex max-w-7xl gap-8 px-4 py-8">
      <nav aria-label="Settings" className="w-56 shrink-0">
        <p className="mb-2 px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Settings</p>
        <ul className="space-y-1">
          {sections.map((section) => (
            <li key={section.href}>
              <NavLink href={section.href}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
