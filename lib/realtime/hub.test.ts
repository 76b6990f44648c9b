import { afterEach, describe, expect, it, vi } from "vitest";

const listen = vi.hoisted(() => ({ fail: true }));
vi.mock("@/db", () => ({
  getDatabaseHandle: async () => ({
    listen: async (_channel: string, _listener: (payload: string) => void, onListen?: () => void) => {
      if (listen.fail) throw new Error("LISTEN is not supported in transaction pooling mode");
      onListen?.();
      return async () => {};
    },
  }),
}));

const { isCurrentInboxMark, readInboxMark } = await import("./hub");

describe("the inbox events' mark", () => {
  afterEach(() => {
    delete (globalThis as { __inboxHub?: unknown }).__inboxHub;
  });

  it("is null when the database refuses LISTEN, so the page still renders and its browser fetches again", async () => {
    listen.fail = true;
    expect(await readInboxMark()).toBeNull();
    expect(isCurrentInboxMark("anything:0")).toBe(false);
  });

  it("stays the same while nothing arrives", async () => {
    listen.fail = false;
    const mark = await readInboxMark();
    expect(mark).toMatch(/^[0-9a-f-]{36}:0$/);
    expect(isCurrentInboxMark(mark!)).toBe(true);
    expect(await readInboxMark()).toBe(mark);
  });
});
