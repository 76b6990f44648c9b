import type { z } from "zod";
import { getDb } from "@/db";
import type { Database, Transaction } from "@/db/client";
import { recordAuditEntry, type AuditEntry } from "@/db/queries/audit";
import type { User } from "@/db/schema";
import { requireAdmin, requireUser } from "@/lib/auth/session";
import { failure, type ActionResult } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

/** Who may call: anyone (the first run, a reset link), any signed-in user, or admins only. */
type Role = "public" | "user" | "admin";
type Caller<R extends Role> = R extends "public" ? null : User;
type Failure = { message: string; fieldErrors?: Record<string, string> };

export const CHECK_FIELDS = "Check the highlighted fields.";

interface ActionOptions<R extends Role, S extends z.ZodType> {
  role: R;
  /** Whatever is posted is parsed with it before anything else runs. */
  schema: S;
  /**
   * What the caller is told when the schema refuses: a message alone, or one built from the
   * fields' errors. Unless said, "Check the highlighted fields." with the fields' errors.
   */
  invalid?: string | ((fieldErrors: Record<string, string>) => Failure);
}

export interface ActionCall<R extends Role, I> {
  user: Caller<R>;
  input: I;
  db: Database;
  /** Makes a change and writes its audit entry in one transaction, as this user: both are stored or neither. */
  audited<T>(change: (tx: Transaction) => Promise<T>, entry: (result: T) => AuditEntry): Promise<T>;
  /** An audit entry on its own, for a change that called Twilio (no network inside a transaction). */
  audit(entry: AuditEntry): Promise<void>;
}

type Run<R extends Role, S extends z.ZodType, T extends object> = (call: ActionCall<R, z.infer<S>>) => Promise<T | void>;

async function caller(role: Role): Promise<User | null> {
  if (role === "admin") return requireAdmin();
  if (role === "user") return requireUser();
  return null;
}

function refused(invalid: ActionOptions<Role, z.ZodType>["invalid"], error: z.ZodError): { ok: false } & Failure {
  if (typeof invalid === "string") return { ok: false, message: invalid };
  const fieldErrors = fieldErrorsOf(error);
  return { ok: false, ...(invalid ? invalid(fieldErrors) : { message: CHECK_FIELDS, fieldErrors }) };
}

async function perform<R extends Role, S extends z.ZodType, T extends object>(options: ActionOptions<R, S>, run: Run<R, S, T>, raw: () => unknown): Promise<ActionResult<T>> {
  // Outside the try: a refused caller is Next's own answer (sign in, or 403), not a form error.
  const user = (await caller(options.role)) as Caller<R>;
  const parsed = options.schema.safeParse(raw());
  if (!parsed.success) return refused(options.invalid, parsed.error);
  try {
    const db = await getDb();
    const actorId = user?.id ?? null;
    const result = await run({
      user,
      input: parsed.data,
      db,
      audited: (change, entry) =>
        db.transaction(async (tx) => {
          const changed = await change(tx);
          await recordAuditEntry({ db: tx, actorId, ...entry(changed) });
          return changed;
        }),
      audit: (entry) => recordAuditEntry({ db, actorId, ...entry }),
    });
    return { ok: true, ...(result ?? {}) } as ActionResult<T>;
  } catch (error) {
    // AppErrors become the form's message; anything else (Next's redirect, a fault) goes on.
    return failure(error);
  }
}

/**
 * A server action called with an object (a button, a dialog): the caller is checked, the
 * object parsed with the schema, and the result is an ActionResult whatever happens.
 */
export function action<R extends Role, S extends z.ZodType, T extends object = object>(options: ActionOptions<R, S>, run: Run<R, S, T>) {
  return async (input: unknown): Promise<ActionResult<T>> => perform(options, run, () => input);
}

/**
 * A server action behind a form with useActionState: as `action`, the schema's input read
 * from the form's fields by `fields`. A call without a FormData reads as an empty form.
 */
export function formAction<R extends Role, S extends z.ZodType, T extends object = object>(
  options: ActionOptions<R, S> & { fields: (form: FormData) => unknown },
  run: Run<R, S, T>,
) {
  return async (_prev: unknown, form: FormData): Promise<ActionResult<T>> => perform(options, run, () => options.fields(form instanceof FormData ? form : new FormData()));
}
