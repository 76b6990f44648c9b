export async function register() {
  // Read here, not through env.ts: Next replaces this check when it builds, so the edge
  // bundle leaves out what follows.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before anything else, so a bad value stops the start with a message saying which.
  const { checkEnvOrExit } = await import("./env");
  checkEnvOrExit();
  const { startApp } = await import("./lib/setup/startup");
  await startApp();
}
