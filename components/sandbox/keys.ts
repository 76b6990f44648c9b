/** TanStack Query keys for the phone simulator, from one place. */
export const sandboxKeys = {
  all: ["sandbox"] as const,
  phone: (handset: string | null, business: string | null) => ["sandbox", "phone", handset, business] as const,
};
