import { describe, expect, it } from "vitest";
import { numberSearchSchema } from "./validation";

describe("numberSearchSchema", () => {
  const contains = (value: string) => numberSearchSchema.safeParse({ country: "US", type: "local", contains: value });

  it("accepts digits, letters and * in “Contains”", () => {
    expect(contains("55*1").success).toBe(true);
    expect(contains("CAKE").success).toBe(true);
  });

  it("says which characters it takes when given others, or too few", () => {
    for (const value of ["abc!!", "5", "12-34"]) {
      expect(contains(value).error?.issues.map((issue) => issue.message)).toEqual(["Use only digits and letters (at least 2); * stands for any one digit."]);
    }
  });
});
