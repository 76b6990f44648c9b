import { describe, expect, it } from "vitest";
import { checkTagName, normalizeTagName, tagNameSchema } from "./name";

describe("tag names", () => {
  it("are one name whatever the case, spacing or Unicode form", () => {
    expect(normalizeTagName("  VIP  Customer ")).toBe("vip customer");
    expect(normalizeTagName("Cafe\u0301")).toBe(normalizeTagName("CAFÉ"));
    expect(normalizeTagName("gold\u00a0member")).toBe("gold member");
  });

  it("refuse control and invisible characters, empty names and more than 50 characters", () => {
    expect(checkTagName("a\nb")).toMatchObject({ ok: false, message: expect.stringContaining("control or invisible") });
    expect(checkTagName("a\tb").ok).toBe(false);
    expect(checkTagName("a\u200bb").ok).toBe(false);
    expect(checkTagName("a\u202eb").ok).toBe(false);
    expect(checkTagName("   ")).toEqual({ ok: false, message: "Write the tag's name." });
    expect(checkTagName("x".repeat(51))).toEqual({ ok: false, message: "Tags have at most 50 characters; this one has 51." });
    // Characters, not UTF-16 units: 50 emoji are 50 characters.
    expect(checkTagName("🎉".repeat(50))).toEqual({ ok: true, name: "🎉".repeat(50) });
    expect(checkTagName(" Été ")).toEqual({ ok: true, name: "été" });
  });

  it("parse in forms with the same words", () => {
    expect(tagNameSchema.safeParse(" Refund ")).toEqual({ success: true, data: "refund" });
    const refused = tagNameSchema.safeParse("x".repeat(60));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("Tags have at most 50 characters; this one has 60.");
  });
});
