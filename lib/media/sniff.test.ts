import { describe, expect, it } from "vitest";
import {
  MAX_MEDIA_BYTES_TOTAL,
  MAX_MEDIA_COUNT,
  SUPPORTED_IMAGE_TYPES,
  extensionFor,
  isSupportedImage,
  sniffContentType,
} from "./sniff";

function bytes(...parts: (string | number[])[]): Uint8Array {
  const all: number[] = [];
  for (const part of parts) {
    if (typeof part === "string") all.push(...[...part].map((char) => char.charCodeAt(0)));
    else all.push(...part);
  }
  // Padding so no signature is recognised only because the file is tiny.
  return new Uint8Array([...all, ...new Array<number>(32).fill(0)]);
}

// A whole 1×1 PNG: file-type reads a PNG's chunks, not only its signature.
const PNG = new Uint8Array(Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082", "hex"));
// An MP3 that starts with an (empty) ID3 tag, then its first frame.
const MP3_WITH_ID3 = bytes("ID3", [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64]);

const ftyp = (brand: string) => bytes([0, 0, 0, 0x18], "ftyp", brand, [0, 0, 0, 0]);

describe("sniffContentType", () => {
  it.each([
    [PNG, "image/png"],
    [bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF"), "image/jpeg"],
    [bytes("GIF89a"), "image/gif"],
    [bytes("GIF87a"), "image/gif"],
    [bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    [bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "), "audio/wav"],
    [bytes("BM", [0x36, 0, 0, 0]), "image/bmp"],
    [bytes("II", [0x2a, 0]), "image/tiff"],
    [bytes("MM", [0, 0x2a]), "image/tiff"],
    [ftyp("heic"), "image/heic"],
    [ftyp("heix"), "image/heic"],
    [ftyp("mif1"), "image/heic"],
    [ftyp("isom"), "video/mp4"],
    [ftyp("mp42"), "video/mp4"],
    [ftyp("3gp5"), "video/3gpp"],
    [ftyp("qt  "), "video/quicktime"],
    [bytes("%PDF-1.7"), "application/pdf"],
    [MP3_WITH_ID3, "audio/mpeg"],
    [bytes([0xff, 0xfb, 0x90, 0x64]), "audio/mpeg"],
    [bytes([0xff, 0xf1, 0x50, 0x80]), "audio/aac"],
    [bytes("BEGIN:VCARD\r\nVERSION:3.0"), "text/vcard"],
    [bytes([0xef, 0xbb, 0xbf], "begin:vcard\n"), "text/vcard"],
    [bytes("PK", [3, 4]), "application/zip"],
    [bytes("#!AMR\n"), "audio/amr"],
    [bytes("<html>"), "text/html"],
    [bytes("\n  <!DOCTYPE html><html><script>alert(1)</script>"), "text/html"],
    [bytes([0xef, 0xbb, 0xbf], "<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/svg+xml"],
    [bytes("<?xml version='1.0'?><svg/>"), "image/svg+xml"],
    [bytes("<?xml version='1.0'?><order/>"), "application/xml"],
  ])("recognises %#: %s", async (input, type) => {
    expect(await sniffContentType(input)).toBe(type);
  });

  it("returns null for bytes it does not know", async () => {
    expect(await sniffContentType(new Uint8Array())).toBeNull();
    expect(await sniffContentType(bytes("Hello, world"))).toBeNull();
    expect(await sniffContentType(bytes("<3 thanks"))).toBeNull();
    expect(await sniffContentType(bytes("RIFF", [0, 0, 0, 0], "AVI "))).toBeNull();
    expect(await sniffContentType(bytes("PK", [1, 2]))).toBeNull();
  });

  it("does not mistake a truncated signature for a file", async () => {
    expect(await sniffContentType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
    expect(await sniffContentType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(await sniffContentType(new Uint8Array([0x42, 0x4d]))).toBeNull();
  });
});

describe("isSupportedImage", () => {
  it("accepts png, jpeg and gif only", async () => {
    expect(SUPPORTED_IMAGE_TYPES).toEqual(["image/png", "image/jpeg", "image/gif"]);
    expect(await isSupportedImage(PNG)).toBe(true);
    expect(await isSupportedImage(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe(true);
    expect(await isSupportedImage(bytes("GIF89a"))).toBe(true);
    expect(await isSupportedImage(ftyp("heic"))).toBe(false);
    expect(await isSupportedImage(bytes("%PDF-1.4"))).toBe(false);
    expect(await isSupportedImage(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe(false);
    expect(await isSupportedImage(new Uint8Array())).toBe(false);
  });
});

describe("limits and extensions", () => {
  it("matches Twilio's MMS limits", () => {
    expect(MAX_MEDIA_BYTES_TOTAL).toBe(5_242_880);
    expect(MAX_MEDIA_COUNT).toBe(10);
  });

  it.each([
    ["image/jpeg", "jpg"],
    ["image/png", "png"],
    ["image/gif", "gif"],
    ["IMAGE/JPEG; charset=binary", "jpg"],
    ["image/heic", "heic"],
    ["application/pdf", "pdf"],
    ["text/vcard", "vcf"],
    ["video/mp4", "mp4"],
    ["application/x-unknown", "bin"],
    ["", "bin"],
  ])("%j → %s", (contentType, extension) => {
    expect(extensionFor(contentType)).toBe(extension);
  });
});
