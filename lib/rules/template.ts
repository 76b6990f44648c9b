/**
 * Auto-reply text with placeholders: {{customer.name}} and {{integration.name}}, each with
 * an optional fallback after a bar ({{customer.name|friend}}) used when the name is unknown.
 */

export const TEMPLATE_VARIABLES = ["customer.name", "integration.name"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const DEFAULT_FALLBACKS: Record<TemplateVariable, string> = {
  "customer.name": "there",
  "integration.name": "our shop",
};

/**
 * How many characters the counter sets aside for a customer's name. A longer name is
 * replaced by the fallback when sending, so a reply that fits in the form fits on the phone.
 */
export const CUSTOMER_NAME_ALLOWANCE = 20;

export interface TemplateValues {
  customerName?: string | null;
  integrationName?: string | null;
}

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|\s*([^{}]*?)\s*)?\}\}/g;

function valueFor(variable: TemplateVariable, values: TemplateValues): string | null {
  const raw = variable === "customer.name" ? values.customerName : values.integrationName;
  const trimmed = raw?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : null;
}

function isVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** Fills the placeholders; an unknown placeholder is left as typed (validation refuses it on save). */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    if (!isVariable(name)) return whole;
    return valueFor(name, values) ?? (fallback || DEFAULT_FALLBACKS[name]);
  });
}

/** Placeholders the text uses that the app does not know, as typed (for the form's error). */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!isVariable(match[1] ?? "")) unknown.push(match[0]);
  }
  // Braces that do not make a placeholder ("{{customer.name}" or "{name}") are likely typos.
  const stray = template.replace(PLACEHOLDER, "").match(/\{\{[^}]*\}?|\{[^{}]*\}\}/g) ?? [];
  return [...unknown, ...stray];
}

/**
 * The longest form the reply can take when it is sent, for the character counter: the
 * customer's name counted as CUSTOMER_NAME_ALLOWANCE characters, the integration's name as
 * the longest of those the rule can send from.
 */
export function worstCaseRendering(template: string, integrationNames: readonly string[]): string {
  const longestIntegration = integrationNames.reduce((longest, name) => (name.length > longest.length ? name : longest), "");
  return renderTemplate(template, {
    customerName: "n".repeat(CUSTOMER_NAME_ALLOWANCE),
    integrationName: longestIntegration || null,
  });
}

/** The text with every placeholder at its fallback: what the policy checker reads. */
export function fallbackRendering(template: string): string {
  return renderTemplate(template, {});
}

/**
 * The text to send to one customer: their name when the reply still fits and stays clean,
 * else their first name, else the fallback (for a 40-character name, or one the policy
 * checker would flag).
 */
export function renderForCustomer(
  template: string,
  values: TemplateValues,
  accept: (text: string) => boolean,
): string {
  const full = renderTemplate(template, values);
  if (accept(full)) return full;
  const firstName = valueFor("customer.name", values)?.split(" ")[0];
  if (firstName && firstName !== valueFor("customer.name", values)) {
    const shorter = renderTemplate(template, { ...values, customerName: firstName });
    if (accept(shorter)) return shorter;
  }
  return renderTemplate(template, { ...values, customerName: null });
}
