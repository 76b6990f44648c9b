import { NavLink } from "@/components/shell/nav-link";
import { requireAdmin } from "@/lib/auth/session";

const sections = [
  { href: "/settings/integrations/sms", label: "Integrations → SMS" },
  { href: "/settings/phone-numbers", label: "Phone numbers" },
  { href: "/settings/rules", label: "Rules" },
  { href: "/settings/saved-replies", label: "Saved replies" },
  { href: "/settings/tags", label: "Tags" },
  { href: "/settings/business-hours", label: "Business hours" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/audit", label: "Audit log" },
];

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    // On a phone the sections run across the top, scrolling sideways, above the page.
    <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row md:gap-8 md:py-8">
      <nav aria-label="Settings" className="-mx-4 overflow-x-auto px-4 md:mx-0 md:w-56 md:shrink-0 md:overflow-visible md:px-0">
        <p className="mb-2 hidden px-3 text-xs font-semibold uppercase tracking-wide text-slate-500 md:block">Settings</p>
        <ul className="flex gap-1 whitespace-nowrap md:block md:space-y-1">
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
