import { SandboxError } from "./errors";

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const PAGING_PARAMS = new Set(["Page", "PageSize", "PageToken"]);

function wholeNumber(value: string | null, name: string, min: number): number | null {
  if (value === null || value === "") return null;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new SandboxError(400, 20001, `Invalid ${name}: must be a whole number of at least ${min}`);
  }
  return Number(value);
}

/** Twilio's paging: Page (from 0) and PageSize (default 50, at most 1000). */
export function readPage(search: URLSearchParams): PageRequest {
  const pageSize = Math.min(wholeNumber(search.get("PageSize"), "PageSize", 1) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = wholeNumber(search.get("Page"), "Page", 0) ?? 0;
  return { page, pageSize, offset: page * pageSize };
}

function pageUri(listUri: string, filters: URLSearchParams, pageSize: number, page: number): string {
  const query = new URLSearchParams(filters);
  query.set("PageSize", String(pageSize));
  query.set("Page", String(page));
  return `${listUri}?${query.toString()}`;
}

/**
 * The list envelope Twilio wraps every page in. The URIs are relative to the API host,
 * as Twilio's are, and keep the caller's filters, so the SDK can walk to the next page.
 */
export function pageEnvelope<T>({
  key,
  listUri,
  search,
  request,
  items,
  hasMore,
}: {
  key: string;
  listUri: string;
  search: URLSearchParams;
  request: PageRequest;
  items: T[];
  hasMore: boolean;
}) {
  const filters = new URLSearchParams([...search].filter(([name]) => !PAGING_PARAMS.has(name)));
  const { page, pageSize, offset } = request;
  return {
    [key]: items,
    end: items.length > 0 ? offset + items.length - 1 : offset,
    first_page_uri: pageUri(listUri, filters, pageSize, 0),
    next_page_uri: hasMore ? pageUri(listUri, filters, pageSize, page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? pageUri(listUri, filters, pageSize, page - 1) : null,
    start: offset,
    uri: pageUri(listUri, filters, pageSize, page),
  };
}

/** One page cut from a list already in memory (phone numbers: an account has few). */
export function slicePage<T>(all: T[], request: PageRequest): { items: T[]; hasMore: boolean } {
  const items = all.slice(request.offset, request.offset + request.pageSize);
  return { items, hasMore: request.offset + request.pageSize < all.length };
}
