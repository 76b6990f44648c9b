import bcrypt from "bcryptjs";

const ROUNDS = process.env.NODE_ENV === "production" ? 12 : 10;
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, ROUNDS);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Spends the same time as a real check, so a wrong email and a wrong password look alike. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash("no user has this password", ROUNDS);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
