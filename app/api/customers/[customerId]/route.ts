import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readJson } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";
import { renameCustomer } from "@/lib/tickets/manage";
import { customerNameSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** { name, ticketId? }: renames the customer (an empty name clears it). */
export const PATCH = handleInbox(async (request: Request, ctx: RouteContext<"/api/customers/[customerId]">) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const customerId = parseId((await ctx.params).customerId, "This customer");
  const parsed = customerNameSchema.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("bad_request", "Names can be at most 120 characters.");
  const customer = await renameCustomer({ db: await getDb(), customerId, name: parsed.data.name, ticketId: parsed.data.ticketId, actor: user });
  return NextResponse.json({ name: customer.name });
});
