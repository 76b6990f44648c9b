/** next-auth's session cookie names (the __Secure- one on HTTPS). */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** How long a session cookie lives: next-auth's default, which options.ts keeps. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
