import { POLICY_CATEGORIES } from "@/lib/policy/check";

/** The seed's messaging policy and the carrier's terms, short enough to read. */
export function MessagingPolicyPanel() {
  return (
    <section aria-labelledby="messaging-policy" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="messaging-policy" className="text-base font-semibold text-slate-900">
        Messaging policy
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        Everything sent must follow Twilio’s Terms of Service and Acceptable Use Policy, which include the Twilio Messaging Policy and
        Content Policy. Carriers also filter messages themselves. These categories are banned:
      </p>
      <ul className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {POLICY_CATEGORIES.map((category) => (
          <li key={category.id}>
            <span className="font-medium text-slate-800">{category.label}</span>
            <span className="text-slate-500"> — {category.description}</span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-slate-600">
        A violation gets the SMS service deactivated. Customers who reply STOP (or UNSUBSCRIBE, CANCEL…) cannot be texted until they reply
        START; you are responsible for having their consent to text them.
      </p>
    </section>
  );
}
