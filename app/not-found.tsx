import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The page does not exist, or you do not have access to it.</p>
      <Link href="/tickets" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">
        Back to the inbox
      </Link>
    </main>
  );
}
