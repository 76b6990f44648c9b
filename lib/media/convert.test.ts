import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { convertToJpeg, shrinkToJpeg } from "./convert";

const noise = (side: number) =>
  sharp(Buffer.from(Array.from({ length: side * side * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: side, height: side, channels: 3 } });

describe("shrinkToJpeg", () => {
  it("scales a picture down, a quarter at a time, until it fits the size asked", async () => {
    const png = await noise(1200).png().toBuffer();
    const shrunk = await shrinkToJpeg(png, "image/png", 150 * 1024);
    expect(shrunk!.length).toBeLessThanOrEqual(150 * 1024);
    const { format, width, height } = await sharp(shrunk!).metadata();
    expect(format).toBe("jpeg");
    expect(width).toBeLessThan(1200);
    expect(width).toBe(height);
  });

  it("gives its smallest attempt when nothing fits, and null for bytes that are no picture", async () => {
    const png = await noise(400).png().toBuffer();
    const smallest = await shrinkToJpeg(png, "image/png", 10);
    expect((await sharp(smallest!).metadata()).width).toBe(320);
    expect(await shrinkToJpeg(Buffer.from("not a picture"), "image/png", 1000)).toBeNull();
    expect(await convertToJpeg(Buffer.from("II*\u0000garbage"), "image/tiff")).toBeNull();
  });
});
