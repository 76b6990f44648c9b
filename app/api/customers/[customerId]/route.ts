import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { renameCustomer } from "@/lib/tickets/manage";
import { customerNameSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** { name, ticketId? }: renames the customer (an empty name clears it). */
export const PATCH = route(
  { role: "user", sameOrigin: true, body: customerNameSchema, invalid: "Names can be at most 120 characters." },
  async ({ user, body, params }) => {
    const customerId = parseId(params.customerId, "This customer");
    const customer = await renameCustomer({ db: await getDb(), customerId, name: body.name, ticketId: body.ticketId, actor: user });
    return NextResponse.json({ name: customer.name });
  },
);
