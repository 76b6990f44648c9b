import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the address Next's server recorded when the app is reached directly", () => {
    expect(clientAddress("203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("takes the entry the nearest trusted proxy wrote, not what the client put before it", () => {
    expect(clientAddress("10.0.0.1, 198.51.100.4", 1)).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.1, 198.51.100.4, 172.16.0.2", 2)).toBe("198.51.100.4");
    expect(clientAddress("1.1.1.1, 2.2.2.2, 198.51.100.4, 172.16.0.2", 2)).toBe("198.51.100.4");
  });

  it("takes the leftmost entry when there are fewer than the proxies", () => {
    expect(clientAddress("198.51.100.4", 3)).toBe("198.51.100.4");
  });

  it("drops ports and brackets", () => {
    expect(clientAddress("198.51.100.4:51234", 0)).toBe("198.51.100.4");
    expect(clientAddress("[2001:db8::1]:443", 0)).toBe("2001:db8:0:0::/64");
  });

  it("counts IPv6 addresses per /64, so one line cannot rotate through its block", () => {
    expect(clientAddress("2001:db8:1:2:aaaa::1", 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress("2001:0db8:0001:0002:ffff:1:2:3", 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress("::1", 0)).toBe("0:0:0:0::/64");
  });

  it("puts anything that is not an address in one shared bucket", () => {
    expect(clientAddress(undefined, 0)).toBe("unknown");
    expect(clientAddress("", 0)).toBe("unknown");
    expect(clientAddress("not-an-address", 0)).toBe("unknown");
    expect(clientAddress("1.2.3.4, evil", 1)).toBe("unknown");
  });
});
