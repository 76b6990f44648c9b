import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPortRequest, listPortRequests } from "@/db/queries/port-requests";
import { rejectPortInSandbox, SANDBOX_REJECTION_REASON, submitPortRequest } from "@/lib/phone-numbers/porting";
import { portRequestSchema } from "@/lib/phone-numbers/validation";
import { testDatabases } from "../support/database";
import { createOwnedNumber, createUser } from "../support/records";

const details = {
  currentCarrier: "Acme Mobile",
  carrierAccountNumber: "ACC-1234",
  carrierPin: "4321",
  authorizedName: "Pat Owner",
  serviceAddress: "1 Main St, Springfield",
};

describe.each(testDatabases())("port requests on $name", (database) => {
  let handle: DatabaseHandle;
  let adminId: string;
  beforeAll(async () => {
    handle = await database.open();
    adminId = (await createUser(handle.db)).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("reads the number as people type it and refuses a bad one next to its field", () => {
    expect(portRequestSchema.parse({ ...details, phoneNumber: "+1 (415) 555-0133" }).phoneNumber).toBe("+14155550133");
    const bad = portRequestSchema.safeParse({ ...details, phoneNumber: "555-0133", carrierPin: "" });
    expect(bad.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["phoneNumber", "“555-0133” has no country code. Type it with its country code, like +1 415 555 0100."],
      ["carrierPin", "Enter the PIN or passcode."],
    ]);
  });

  it("submits a request, refuses a second one for the same number, and records the carrier's rejection", async () => {
    const input = portRequestSchema.parse({ ...details, phoneNumber: "+14155550134" });
    const request = await submitPortRequest({ db: handle.db, input, actorId: adminId });
    expect(request).toMatchObject({ e164: "+14155550134", status: "submitted", createdById: adminId });
    await expect(submitPortRequest({ db: handle.db, input, actorId: adminId })).rejects.toThrow("A port request for +1 415 555 0134 is already on its way.");

    await rejectPortInSandbox({ db: handle.db, id: request.id });
    expect(await getPortRequest({ db: handle.db, id: request.id })).toMatchObject({ status: "rejected", rejectionReason: SANDBOX_REJECTION_REASON });
    await expect(rejectPortInSandbox({ db: handle.db, id: request.id })).rejects.toThrow("The port of +1 415 555 0134 is already rejected.");

    // Rejected, it may be tried again.
    await submitPortRequest({ db: handle.db, input, actorId: adminId });
    expect((await listPortRequests({ db: handle.db })).filter((row) => row.e164 === "+14155550134")).toHaveLength(2);
  });

  it("refuses to port a number that is already owned here", async () => {
    await createOwnedNumber(handle.db, "+14155550135");
    const input = portRequestSchema.parse({ ...details, phoneNumber: "+14155550135" });
    await expect(submitPortRequest({ db: handle.db, input, actorId: adminId })).rejects.toMatchObject({
      message: "+1 415 555 0135 is already one of your numbers.",
      fieldErrors: { phoneNumber: "+1 415 555 0135 is already one of your numbers." },
    });
  });
});
