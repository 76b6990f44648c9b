import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import type { ReportFilters } from "@/lib/reports/period";

/** The report's date range and filters, a plain GET form: the URL holds them, so a report can be bookmarked or shared. */
export function ReportFiltersForm({
  filters,
  errors,
  integrations,
  agents,
  tags,
}: {
  filters: ReportFilters;
  errors: Record<string, string>;
  integrations: { id: string; name: string }[];
  agents: { id: string; name: string }[] | null;
  tags: string[];
}) {
  const field = "space-y-1 text-sm";
  const label = "block font-medium text-slate-700";
  return (
    <form action="/reports" className="mb-6 grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-4 lg:grid-cols-7" aria-label="Report filters">
      <div className={field}>
        <label htmlFor="report-range" className={label}>
          Dates
        </label>
        <select id="report-range" name="range" defaultValue={filters.range} className={inputClass} aria-invalid={errors.range ? true : undefined}>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
          <option value="custom">Custom dates</option>
        </select>
      </div>
      <div className={field}>
        <label htmlFor="report-from" className={label}>
          From <span className="font-normal text-slate-500">(custom)</span>
        </label>
        <input id="report-from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass} aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "report-filters-error" : undefined} />
      </div>
      <div className={field}>
        <label htmlFor="report-to" className={label}>
          To <span className="font-normal text-slate-500">(custom)</span>
        </label>
        <input id="report-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "report-filters-error" : undefined} />
      </div>
      <div className={field}>
        <label htmlFor="report-integration" className={label}>
          Integration
        </label>
        <select id="report-integration" name="integration" defaultValue={filters.integration ?? ""} className={inputClass}>
          <option value="">All integrations</option>
          {integrations.map((integration) => (
            <option key={integration.id} value={integration.id}>
              {integration.name}
            </option>
          ))}
        </select>
      </div>
      {agents ? (
        <div className={field}>
          <label htmlFor="report-agent" className={label}>
            Agent
          </label>
          <select id="report-agent" name="agent" defaultValue={filters.agent ?? ""} className={inputClass}>
            <option value="">All agents</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={field}>
        <label htmlFor="report-tag" className={label}>
          Tag
        </label>
        <select id="report-tag" name="tag" defaultValue={filters.tag ?? ""} className={inputClass}>
          <option value="">All tags</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Show report
      </button>
      {Object.keys(errors).length > 0 ? (
        <p id="report-filters-error" role="alert" className="col-span-full text-sm text-red-600">
          {Object.values(errors)[0]} The report below shows the last 30 days.
        </p>
      ) : null}
    </form>
  );
}
