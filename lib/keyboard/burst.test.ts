import { describe, expect, it } from "vitest";
import { BURST_GAP_MS, decideKey, initialBurstState, noteEscape, type BurstState, type ShortcutKind } from "./burst";

const SHORTCUTS: Record<string, ShortcutKind> = { j: "move", k: "move", r: "field", n: "field", "/": "field", e: "act", c: "act", "?": "view" };

/** Types `text` outside any field, `gap` ms apart, and says what ran and what was swallowed. */
function type(text: string, gap: number, start: BurstState = initialBurstState, startAt = 10_000) {
  let state = start;
  const ran: string[] = [];
  const swallowed: string[] = [];
  const typedIntoField: string[] = [];
  let fieldOpen = false;
  [...text].forEach((key, index) => {
    const kind = fieldOpen ? null : (SHORTCUTS[key] ?? null);
    const decision = decideKey(state, { key, at: startAt + index * gap }, kind);
    state = decision.state;
    if (decision.swallow) swallowed.push(key);
    else if (fieldOpen) typedIntoField.push(key);
    else if (decision.allow && kind) {
      ran.push(key);
      if (kind === "field") fieldOpen = true;
    }
  });
  return { ran, swallowed, typed: typedIntoField.join(""), state };
}

describe("decideKey", () => {
  it("keeps a sentence typed outside a text box out of the note its first letter opened", () => {
    const { ran, typed } = type("nice to see you, everyone", 60);
    expect(ran).toEqual(["n"]);
    expect(typed).toBe("");
  });

  it("runs no shortcut in the middle of a sentence: the e of 'hello' does not close", () => {
    expect(type("hello there", 80).ran).toEqual([]);
    expect(type("just kidding, ok", 120).ran).toEqual(["j"]);
  });

  it("runs a key pressed on its own, and lets typing in after a pause", () => {
    const opened = type("r", 1000);
    expect(opened.ran).toEqual(["r"]);
    const later = decideKey(opened.state, { key: "H", at: 10_000 + BURST_GAP_MS + 50 }, null);
    expect(later.swallow).toBe(false);
    expect(later.state.swallowing).toBe(false);
  });

  it("moves through tickets as fast as j is tapped or held", () => {
    expect(type("jjjj", 40).ran).toEqual(["j", "j", "j", "j"]);
    expect(type("jjkj", 40).ran).toEqual(["j", "j", "k", "j"]);
    const held = decideKey({ lastAt: 100, lastKind: null, swallowing: false }, { key: "k", at: 130, repeat: true }, "move");
    expect(held.allow).toBe(true);
  });

  it("starts afresh after Escape, so Esc then e closes", () => {
    const afterEscape = decideKey(noteEscape(), { key: "e", at: 10 }, "act");
    expect(afterEscape.allow).toBe(true);
    expect(decideKey(afterEscape.state, { key: "v", at: 60 }, null).allow).toBe(false);
  });

  it("runs keys pressed deliberately, one after another", () => {
    expect(type("jje", 600).ran).toEqual(["j", "j", "e"]);
  });
});
