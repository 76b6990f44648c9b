import { describe, expect, it } from "vitest";
import { carrierFate, simulatedFailure } from "./carrier";

describe("carrierFate", () => {
  it.each([
    ["+12065550003", "undelivered", 30003],
    ["+12065550005", "failed", 30005],
    ["+12065550006", "undelivered", 30006],
    ["+447700900007", "undelivered", 30007],
  ])("fails %s as %s with %i", (handset, status, code) => {
    expect(carrierFate(handset, false)).toMatchObject({ status, errorCode: code });
    expect(simulatedFailure(handset)?.errorCode).toBe(code);
  });

  it("delivers to every other number, and to a failing one made reachable", () => {
    expect(carrierFate("+12065550142", false)).toEqual({ status: "delivered", errorCode: null, errorMessage: null });
    expect(carrierFate("+12065550004", false).status).toBe("delivered");
    expect(carrierFate("+12065550003", true).status).toBe("delivered");
    expect(simulatedFailure("+12065550142")).toBeNull();
  });
});
