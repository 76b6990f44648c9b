import { describe, expect, it } from "vitest";
import { draftSaveSchema, MAX_DRAFT_LENGTH } from "./validation";

describe("draftSaveSchema", () => {
  it("keeps plain text up to the hard limit, counting an emoji once", () => {
    expect(draftSaveSchema.safeParse({ kind: "reply", body: "a".repeat(MAX_DRAFT_LENGTH) }).success).toBe(true);
    expect(draftSaveSchema.safeParse({ kind: "note", body: "😀".repeat(MAX_DRAFT_LENGTH) }).success).toBe(true);
  });

  it("refuses a longer one, saying how long it is and that the text is still there", () => {
    const parsed = draftSaveSchema.safeParse({ kind: "reply", body: "a".repeat(MAX_DRAFT_LENGTH + 112) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      "Drafts are kept up to 1,600 characters and this one has 1,712, so this version was not saved. Shorten it to keep it as a draft; your text is still here.",
    );
  });

  it("refuses an unknown kind, a NUL character and a basis that is not an id", () => {
    expect(draftSaveSchema.safeParse({ kind: "email", body: "hi" }).success).toBe(false);
    expect(draftSaveSchema.safeParse({ kind: "reply", body: "a\u0000b" }).success).toBe(false);
    expect(draftSaveSchema.safeParse({ kind: "reply", body: "hi", basisMessageId: "latest" }).success).toBe(false);
  });
});
