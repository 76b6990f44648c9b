import sharp, { type Sharp } from "sharp";
import { decodeBmp } from "./bmp";

const JPEG_QUALITY = 82;
// Below this longest side a picture is no longer worth sending; the size check refuses it instead.
const SMALLEST_SIDE = 320;
// Large enough for any phone photo, small enough that decoding cannot exhaust memory.
const MAX_INPUT_PIXELS = 100_000_000;

function open(data: Uint8Array, contentType: string): Sharp | null {
  if (contentType === "image/bmp") {
    const raw = decodeBmp(data);
    return raw ? sharp(raw.pixels, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }) : null;
  }
  return sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
}

function toJpeg(image: Sharp, longestSide?: number): Promise<Buffer> {
  const sized = longestSide ? image.resize({ width: longestSide, height: longestSide, fit: "inside", withoutEnlargement: true }) : image;
  // Transparent areas become white rather than JPEG's black.
  return sized.flatten({ background: "#ffffff" }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
}

/** A WebP, BMP or TIFF as JPEG; null when its bytes cannot be read as a picture. */
export async function convertToJpeg(data: Uint8Array, contentType: string): Promise<Buffer | null> {
  try {
    const image = open(data, contentType);
    return image ? await toJpeg(image) : null;
  } catch {
    return null;
  }
}

/**
 * The picture as a JPEG of at most `maxBytes`, scaled down step by step (each a quarter
 * smaller on its longest side); the smallest attempt when even that is too big, null when
 * the bytes cannot be read.
 */
export async function shrinkToJpeg(data: Uint8Array, contentType: string, maxBytes: number): Promise<Buffer | null> {
  try {
    const first = open(data, contentType);
    if (!first) return null;
    const { width = 0, height = 0 } = await first.metadata();
    let side = Math.min(Math.max(width, height), 4096);
    let result = await toJpeg(open(data, contentType)!, side);
    while (result.length > maxBytes && side > SMALLEST_SIDE) {
      side = Math.max(SMALLEST_SIDE, Math.floor(side * 0.75));
      result = await toJpeg(open(data, contentType)!, side);
    }
    return result;
  } catch {
    return null;
  }
}
