"use server";

import { firstAdminSchema } from "@/lib/auth/validation";
import { formAction } from "@/lib/http/action";
import { createFirstAdmin } from "@/lib/setup/first-admin";

/** Public, once: the first admin of a new install. */
export const createFirstAdminAction = formAction(
  { role: "public", schema: firstAdminSchema, fields: (form) => ({ name: form.get("name"), email: form.get("email"), password: form.get("password") }) },
  async ({ db, input }) => {
    const user = await createFirstAdmin({ db, ...input });
    return { email: user.email };
  },
);
