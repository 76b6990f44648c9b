import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Only admins can open this page</h1>
      <p className="mt-2 text-sm text-slate-600">Settings are for admins. Ask an admin if you need a change here.</p>
      <Link href="/tickets" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">
        Back to the inbox
      </Link>
    </main>
  );
}
