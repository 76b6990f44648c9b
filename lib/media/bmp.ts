/**
 * Uncompressed Windows bitmaps (24- or 32-bit, the kind screenshots and scanners save),
 * read into RGB(A) pixels for conversion: the image library reads no BMP at all.
 */
export interface RawImage {
  width: number;
  height: number;
  channels: 3 | 4;
  pixels: Buffer;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;

/** The pixels, top row first; null for a bitmap this reader does not handle (palettes, RLE, 16-bit). */
export function decodeBmp(data: Uint8Array): RawImage | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 54 || bytes.toString("latin1", 0, 2) !== "BM") return null;
  const offset = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bits = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width * height > 50_000_000) return null;
  if (!(bits === 24 && compression === BI_RGB) && !(bits === 32 && (compression === BI_RGB || compression === BI_BITFIELDS))) return null;
  const source = bits / 8;
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (offset + stride * height > bytes.length) return null;
  const channels = bits === 32 ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  // Rows are stored bottom-up unless the height is negative; pixels are BGR(A).
  for (let row = 0; row < height; row++) {
    const from = offset + (rawHeight > 0 ? height - 1 - row : row) * stride;
    for (let column = 0; column < width; column++) {
      const at = from + column * source;
      const to = (row * width + column) * channels;
      pixels[to] = bytes[at + 2]!;
      pixels[to + 1] = bytes[at + 1]!;
      pixels[to + 2] = bytes[at]!;
      if (channels === 4) pixels[to + 3] = bytes[at + 3]!;
    }
  }
  // 32-bit bitmaps often leave the alpha byte at 0 meaning "unused": treat them as opaque.
  if (channels === 4 && !pixels.some((value, index) => index % 4 === 3 && value !== 0)) {
    for (let index = 3; index < pixels.length; index += 4) pixels[index] = 255;
  }
  return { width, height, channels, pixels };
}
