import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_MEDIA_BYTES_TOTAL, sniffContentType } from "@/lib/media/sniff";
import { checkOutgoingFiles, prepareOutgoingFiles } from "./files";

/** A picture whose top half is red and bottom half blue, so a flipped conversion shows. */
function halves(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      pixels.set(row < height / 2 ? [220, 20, 20] : [20, 20, 220], (row * width + column) * 3);
    }
  }
  return pixels;
}

const raw = (width: number, height: number, pixels = halves(width, height)) => sharp(pixels, { raw: { width, height, channels: 3 } });

/** A 24-bit bottom-up BMP, as Windows saves one (the image library cannot write BMP). */
function bmp(width: number, height: number): Uint8Array {
  const pixels = halves(width, height);
  const stride = Math.ceil((width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + stride * height);
  file.write("BM", 0, "latin1");
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const [r, g, b] = pixels.subarray((row * width + column) * 3, (row * width + column) * 3 + 3);
      file.set([b!, g!, r!], 54 + (height - 1 - row) * stride + column * 3);
    }
  }
  return file;
}

async function colourAt(jpeg: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

describe("prepareOutgoingFiles", () => {
  it("sends WebP, BMP and TIFF as JPEG, the right way up, under a .jpg name", async () => {
    const webp = await raw(40, 30).webp().toBuffer();
    const tiff = await raw(40, 30).tiff().toBuffer();
    const files = await prepareOutgoingFiles([
      { fileName: "photo.webp", data: webp },
      { fileName: "scan.bmp", data: bmp(41, 30) },
      { fileName: "fax.tiff", data: tiff },
    ]);
    const checked = await checkOutgoingFiles(files);
    expect(checked.map((file) => [file.fileName, file.contentType])).toEqual([
      ["photo.jpg", "image/jpeg"],
      ["scan.jpg", "image/jpeg"],
      ["fax.jpg", "image/jpeg"],
    ]);
    for (const file of checked) {
      const { width } = await sharp(file.data).metadata();
      expect(width).toBeGreaterThanOrEqual(40);
      const [r1, , b1] = await colourAt(file.data, 3, 2);
      const [r2, , b2] = await colourAt(file.data, 3, 27);
      expect(r1! > 150 && b1! < 100, `${file.fileName} top is red`).toBe(true);
      expect(b2! > 150 && r2! < 100, `${file.fileName} bottom is blue`).toBe(true);
    }
  });

  it("scales pictures over the MMS limit down below it, and leaves small PNG and GIF as they are", async () => {
    // Noise hardly compresses: 1500 × 1500 of it is a PNG over 6 MB.
    const noise = Buffer.from(Array.from({ length: 1500 * 1500 * 3 }, () => Math.floor(Math.random() * 256)));
    const big = await raw(1500, 1500, noise).png({ compressionLevel: 1 }).toBuffer();
    expect(big.length).toBeGreaterThan(MAX_MEDIA_BYTES_TOTAL);
    const small = await raw(20, 20).png().toBuffer();
    const gif = await raw(20, 20).gif().toBuffer();

    const files = await prepareOutgoingFiles([
      { fileName: "huge.png", data: big },
      { fileName: "icon.png", data: small },
      { fileName: "wave.gif", data: gif },
    ]);
    const checked = await checkOutgoingFiles(files);
    expect(checked.reduce((sum, file) => sum + file.data.length, 0)).toBeLessThanOrEqual(MAX_MEDIA_BYTES_TOTAL);
    expect(checked[0]).toMatchObject({ fileName: "huge.jpg", contentType: "image/jpeg" });
    expect(checked[1]!.data.equals(small)).toBe(true);
    expect(checked[2]!.data.equals(gif)).toBe(true);
  }, 60_000);

  it("still refuses what is not a picture, and says so when a picture cannot be read", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    const prepared = await prepareOutgoingFiles([{ fileName: "invoice.pdf", data: pdf }]);
    await expect(checkOutgoingFiles(prepared)).rejects.toThrow("“invoice.pdf” is a PDF. Only PNG, JPG and GIF pictures can be sent.");

    const broken = Buffer.concat([Buffer.from("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ", "latin1"), Buffer.alloc(64, 7)]);
    expect(await sniffContentType(broken)).toBe("image/webp");
    await expect(prepareOutgoingFiles([{ fileName: "cut.webp", data: broken }])).rejects.toThrow("“cut.webp” could not be read as a picture.");
    // A palette BMP is a BMP this app does not read: refused in words, not sent broken.
    const palette = Buffer.from(bmp(4, 4));
    palette.writeUInt16LE(8, 28);
    await expect(prepareOutgoingFiles([{ fileName: "old.bmp", data: palette }])).rejects.toBeInstanceOf(AppError);

    await expect(prepareOutgoingFiles([{ fileName: "vast.png", data: Buffer.alloc(21 * 1024 * 1024) }])).rejects.toThrow("The pictures come to 21.0 MB; pick pictures under 20 MB in all.");
  });
});
