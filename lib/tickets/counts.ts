/**
 * Closed tickets grow without end, so the inbox counts them up to this many and one more, and
 * shows "1,000+" past it: the count's cost stays bounded however long a shop has been open.
 */
export const CLOSED_COUNT_CAP = 1000;
