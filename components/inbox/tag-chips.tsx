/** A ticket's tags as small chips; nothing at all when it has none. */
export function TagChips({ tags, className = "" }: { tags: readonly string[]; className?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label="Tags" className={`flex flex-wrap items-center gap-1 ${className}`}>
      {tags.map((tag) => (
        <li key={tag} className="rounded-full bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
          {tag}
        </li>
      ))}
    </ul>
  );
}
