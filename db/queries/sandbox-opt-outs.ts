import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sandboxOptOuts } from "../schema";

export async function isSandboxOptedOut({ db, businessNumber, handsetNumber }: { db: DbOrTx; businessNumber: string; handsetNumber: string }): Promise<boolean> {
  const [row] = await db
    .select({ businessNumber: sandboxOptOuts.businessNumber })
    .from(sandboxOptOuts)
    .where(and(eq(sandboxOptOuts.businessNumber, businessNumber), eq(sandboxOptOuts.handsetNumber, handsetNumber)));
  return Boolean(row);
}

export async function recordSandboxOptOut({ db, businessNumber, handsetNumber }: { db: DbOrTx; businessNumber: string; handsetNumber: string }): Promise<void> {
  await db.insert(sandboxOptOuts).values({ businessNumber, handsetNumber }).onConflictDoNothing();
}

export async function removeSandboxOptOut({ db, businessNumber, handsetNumber }: { db: DbOrTx; businessNumber: string; handsetNumber: string }): Promise<void> {
  await db
    .delete(sandboxOptOuts)
    .where(and(eq(sandboxOptOuts.businessNumber, businessNumber), eq(sandboxOptOuts.handsetNumber, handsetNumber)));
}
