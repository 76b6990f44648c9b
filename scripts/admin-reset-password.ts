// `npm run admin:reset-password -- --email someone@example.com`: prints a one-time link that
// lets that user choose a new password, for when no admin can sign in to make one.
// Uses DATABASE_URL, or PGlite in DATA_DIR (the app must be stopped: PGlite serves one process).
import { parseArgs } from "node:util";

const USAGE = "Usage: npm run admin:reset-password -- --email someone@example.com";

function emailFromArgs(): string | null {
  try {
    const { values } = parseArgs({ options: { email: { type: "string" } }, strict: true });
    return values.email?.trim() || null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const email = emailFromArgs();
  if (!email) {
    console.error(USAGE);
    return 2;
  }
  // Only the link goes to standard output; the app's log lines stay quiet here.
  if (!process.env.LOG_LEVEL) process.env.LOG_LEVEL = "warn";
  const { closeDatabase, getDb } = await import("@/db");
  const { DataFolderLockedError } = await import("@/db/lock");
  const { getUserByEmail } = await import("@/db/queries/users");
  const { makePasswordResetLink } = await import("@/lib/users/password-reset");
  try {
    const db = await getDb();
    const user = await getUserByEmail({ db, email });
    if (!user) {
      console.error(`No user has the email ${email}. Check the spelling; the users are listed under Settings → Users.`);
      return 1;
    }
    const link = await makePasswordResetLink({ db, userId: user.id, actor: null });
    console.log(`Password reset link for ${user.name} (${user.email}), ${user.role}:`);
    console.log(link.url);
    console.log(`It works once, until ${link.expiresAt.toISOString()}. Open it to choose a new password.`);
    return 0;
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      console.error(`The app is running on this data folder, so no link was made.\n${error.message}\nStop the app, run this command again, then start the app.`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    return 1;
  } finally {
    await closeDatabase();
  }
}

main().then((code) => process.exit(code));
