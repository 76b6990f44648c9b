"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { reissueSessionCookie } from "@/lib/auth/reissue";
import { newUserSchema } from "@/lib/auth/validation";
import { action, CHECK_FIELDS, formAction } from "@/lib/http/action";
import { changeOwnPassword, renameSelf } from "@/lib/users/account";
import { addUser, changeUserRole, setUserActive } from "@/lib/users/manage";
import { makePasswordResetLink, redeemPasswordResetLink } from "@/lib/users/password-reset";
import { passwordChangeSchema, passwordResetSchema, profileSchema, resetLinkRequestSchema } from "@/lib/users/validation";

// One's own account.

export const updateProfileAction = formAction({ role: "user", schema: profileSchema, fields: (form) => ({ name: form.get("name") }) }, async ({ db, user, input }) => {
  await renameSelf({ db, user, name: input.name });
  revalidatePath("/", "layout");
});

export const changePasswordAction = formAction(
  {
    role: "user",
    schema: passwordChangeSchema,
    fields: (form) => ({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword"), confirmPassword: form.get("confirmPassword") }),
  },
  async ({ db, user, input }) => {
    const { sessionsValidFrom } = await changeOwnPassword({ db, user, ...input });
    // Every other session of this user has ended; this browser keeps its own.
    await reissueSessionCookie({ user, signedInAt: sessionsValidFrom });
  },
);

/** Public: the link's secret is the credential, checked and throttled in redeemPasswordResetLink. */
export const resetPasswordAction = formAction(
  {
    role: "public",
    schema: passwordResetSchema,
    fields: (form) => ({ token: form.get("token"), password: form.get("password"), confirmPassword: form.get("confirmPassword") }),
    invalid: (fieldErrors) => ({ message: fieldErrors.token ? "This password reset link does not work. Ask an admin for a new one." : CHECK_FIELDS, fieldErrors }),
  },
  async ({ db, input }) => redeemPasswordResetLink({ db, token: input.token, password: input.password }),
);

// The team, for admins.

export const addUserAction = formAction(
  {
    role: "admin",
    schema: newUserSchema,
    fields: (form) => ({ name: form.get("name"), email: form.get("email"), password: form.get("password"), role: form.get("role") ?? "agent" }),
  },
  async ({ db, user, input }) => {
    await addUser({ db, ...input, actorId: user.id });
    revalidatePath("/settings/users");
  },
);

export const changeRoleAction = action(
  { role: "admin", schema: z.object({ userId: z.uuid(), role: z.enum(["admin", "agent"]) }), invalid: "Choose admin or agent." },
  async ({ db, user, input }) => {
    await changeUserRole({ db, actor: user, ...input });
    revalidatePath("/settings/users");
  },
);

export const setActiveAction = action(
  { role: "admin", schema: z.object({ userId: z.uuid(), active: z.boolean() }), invalid: "That user does not exist." },
  async ({ db, user, input }) => {
    await setUserActive({ db, actor: user, ...input });
    revalidatePath("/settings/users");
  },
);

/** The link is returned once, to be passed on by the admin; it is stored only as a hash. */
export const makeResetLinkAction = action({ role: "admin", schema: resetLinkRequestSchema, invalid: "That user does not exist." }, async ({ db, user, input }) => {
  const { url, expiresAt } = await makePasswordResetLink({ db, userId: input.userId, actor: user });
  return { url, expiresAt: expiresAt.toISOString() };
});
