/** next-auth's session cookie names (the __Secure- one on HTTPS). */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
