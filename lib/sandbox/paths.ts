/** Where the sandbox's REST API is served, below the app's own address. */
export const SANDBOX_PREFIX = "/sandbox/twilio";
