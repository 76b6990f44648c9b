import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attachments, jobs, messages } from "@/db/schema";
import { MEDIA_HOST_REFUSED } from "@/lib/inbound/media-host";
import { retryAttachmentDownload } from "@/lib/tickets/manage";
import { testDatabases } from "../support/database";
import { closeInboundDatabase, openInboundDatabase, textBusiness as text, ticketsOfCustomer } from "../support/inbound";
import { runJobsUntilIdle } from "../support/jobs";
import { PUBLIC_BASE } from "../support/twilio";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const PDF = Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");

let mediaHits: Record<string, number> = {};
let mediaServer: http.Server;
let mediaBase = "";
let mediaBack = false;
// Somewhere that is not Twilio: it records every request and the credentials that came with it.
let elsewhereRequests: { path: string; authorization: string | undefined }[] = [];
let elsewhere: http.Server;
let elsewhereBase = "";

const LIVE_ACCOUNT = { sid: `AC${"6".repeat(32)}`, token: "inbound-media-auth-token" };
const LIVE_CREDENTIALS = `Basic ${Buffer.from(`${LIVE_ACCOUNT.sid}:${LIVE_ACCOUNT.token}`).toString("base64")}`;

async function listenLocally(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
  // Live mode, with a stand-in for Twilio's API host where the media URLs point.
  process.env.TWILIO_ACCOUNT_SID = LIVE_ACCOUNT.sid;
  process.env.TWILIO_AUTH_TOKEN = LIVE_ACCOUNT.token;
  elsewhere = http.createServer((req, res) => {
    elsewhereRequests.push({ path: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
  });
  elsewhereBase = `http://127.0.0.1:${await listenLocally(elsewhere)}`;
  // Stands in for Twilio's media URLs: a picture that 404s twice before it is there.
  mediaServer = http.createServer((req, res) => {
    const path = req.url ?? "";
    mediaHits[path] = (mediaHits[path] ?? 0) + 1;
    if (req.headers.authorization !== LIVE_CREDENTIALS) return void res.writeHead(401).end();
    // Twilio answers a media URL with a redirect to where the file is kept.
    if (path === "/moved.png") return void res.writeHead(302, { Location: `${elsewhereBase}/kept/moved.png` }).end();
    if (path === "/late.png" && mediaHits[path]! <= 2) return void res.writeHead(404).end();
    if (path === "/never.png") return void res.writeHead(404).end();
    if (path === "/back-later.png" && !mediaBack) return void res.writeHead(503).end();
    if (path.endsWith(".png")) return void res.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
    if (path.endsWith(".pdf")) return void res.writeHead(200, { "Content-Type": "application/pdf" }).end(PDF);
    if (path === "/renamed.png.txt") return void res.writeHead(200, { "Content-Type": "image/png" }).end(PDF);
    if (path === "/photo.bin") return void res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(JPEG);
    if (path === "/invoice.bin") return void res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(PDF);
    if (path === "/notes.txt") return void res.writeHead(200, { "Content-Type": "text/plain" }).end("just words");
    if (path === "/page.img") return void res.writeHead(200, { "Content-Type": "image/png" }).end("<!doctype html><script>alert(1)</script>");
    if (path === "/noise.img") return void res.writeHead(200, { "Content-Type": "image/png" }).end(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
    res.writeHead(404).end();
  });
  mediaBase = `http://127.0.0.1:${await listenLocally(mediaServer)}`;
  process.env.TWILIO_API_BASE_URL = mediaBase;
});

afterAll(() => {
  delete process.env.TWILIO_ACCOUNT_SID;
  delete process.env.TWILIO_AUTH_TOKEN;
  delete process.env.TWILIO_API_BASE_URL;
  mediaServer.close();
  elsewhere.close();
});

describe.each(testDatabases())("inbound MMS on $name", (database) => {
  let handle: DatabaseHandle;
  let customerNumber = 0;

  const newCustomer = () => `+1415555${String(3000 + customerNumber++).padStart(4, "0")}`;
  /** The files of the customer's one message, in the order Twilio listed them. */
  async function filesOf(from: string) {
    const [ticket] = await ticketsOfCustomer(handle.db, from);
    const [message] = await handle.db.select().from(messages).where(eq(messages.ticketId, ticket!.id));
    const files = await handle.db.select().from(attachments).where(eq(attachments.messageId, message!.id)).orderBy(attachments.position);
    return { message: message!, files };
  }

  beforeAll(async () => {
    ({ handle } = await openInboundDatabase(database));
  });
  afterAll(() => closeInboundDatabase(handle));
  beforeEach(() => {
    mediaHits = {};
    mediaBack = false;
    elsewhereRequests = [];
  });

  it("keeps a png from an MMS and refuses a pdf, deciding from the bytes", async () => {
    const from = newCustomer();
    await text(from, "photo and invoice", {
      NumMedia: "3",
      MediaUrl0: `${mediaBase}/photo.png`,
      MediaContentType0: "image/png",
      MediaUrl1: `${mediaBase}/invoice.pdf`,
      MediaContentType1: "application/pdf",
      MediaUrl2: `${mediaBase}/renamed.png.txt`,
      MediaContentType2: "image/png",
    });
    await runJobsUntilIdle(handle.db);
    const { files } = await filesOf(from);
    expect(files.map((f) => [f.status, f.contentType])).toEqual([
      ["stored", "image/png"],
      ["unsupported", "application/pdf"],
      ["unsupported", "application/pdf"],
    ]);
    expect(files[0]!.data?.equals(PNG)).toBe(true);
    expect(files[1]!.data).toBeNull();
    expect(files[2]!.data).toBeNull();
    // Fetched to be sure what it is, then not kept.
    expect(mediaHits["/invoice.pdf"]).toBe(1);
  });

  it("keeps a JPEG whatever type was declared, and names a refused file by its bytes", async () => {
    const from = newCustomer();
    await text(from, "", {
      NumMedia: "3",
      MediaUrl0: `${mediaBase}/photo.bin`,
      MediaContentType0: "application/octet-stream",
      MediaUrl1: `${mediaBase}/invoice.bin`,
      MediaContentType1: "application/octet-stream",
      MediaUrl2: `${mediaBase}/notes.txt`,
      MediaContentType2: "text/plain; charset=utf-8",
    });
    await runJobsUntilIdle(handle.db);
    const { files } = await filesOf(from);
    expect(files.map((f) => [f.status, f.contentType, f.fileName])).toEqual([
      ["stored", "image/jpeg", "attachment-1.jpg"],
      ["unsupported", "application/pdf", "attachment-2"],
      ["unsupported", "text/plain", "attachment-3"],
    ]);
    expect(files[0]!.data?.equals(JPEG)).toBe(true);
    expect(files[1]!.data).toBeNull();
    expect(files.map((f) => mediaHits[new URL(f.sourceUrl!).pathname])).toEqual([1, 1, 1]);
  });

  it("never names a file that only claimed to be a picture by that claim", async () => {
    const from = newCustomer();
    await text(from, "", {
      NumMedia: "2",
      MediaUrl0: `${mediaBase}/page.img`,
      MediaContentType0: "image/png",
      MediaUrl1: `${mediaBase}/noise.img`,
      MediaContentType1: "image/png",
    });
    await runJobsUntilIdle(handle.db);
    const { files } = await filesOf(from);
    expect(files.map((f) => [f.status, f.contentType, f.data])).toEqual([
      ["unsupported", "text/html", null],
      ["unsupported", "application/octet-stream", null],
    ]);
  });

  it("retries a media URL that 404s twice, then stores it; gives up on one that never works", async () => {
    const from = newCustomer();
    await text(from, "", { NumMedia: "2", MediaUrl0: `${mediaBase}/late.png`, MediaContentType0: "image/png", MediaUrl1: `${mediaBase}/never.png`, MediaContentType1: "image/png" });
    await runJobsUntilIdle(handle.db);
    const { message, files } = await filesOf(from);
    expect(message.body).toBe("");
    expect(files[0]?.status).toBe("stored");
    expect(mediaHits["/late.png"]).toBe(3);
    expect(files[1]?.status).toBe("failed");
    // The download job ran its six tries and stopped. The media host saw at most six: on a
    // saturated machine a try can time out before its request reaches the host.
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `media:${files[1]!.id}`));
    expect(job).toMatchObject({ attempts: 6, maxAttempts: 6 });
    expect(job!.doneAt ?? job!.failedAt).not.toBeNull();
    expect(mediaHits["/never.png"]).toBeGreaterThanOrEqual(1);
    expect(mediaHits["/never.png"]).toBeLessThanOrEqual(6);
  });

  it("keeps the message when a picture cannot be downloaded, says so, and stores it once when an agent retries", async () => {
    const from = newCustomer();
    await text(from, "See the photo", { NumMedia: "1", MediaUrl0: `${mediaBase}/back-later.png`, MediaContentType0: "image/png" });
    await runJobsUntilIdle(handle.db);
    const { message, files: [failed] } = await filesOf(from);
    expect(message.body).toBe("See the photo");
    expect(failed).toMatchObject({ status: "failed", error: "The download failed (503)." });

    mediaBack = true;
    await retryAttachmentDownload({ db: handle.db, attachmentId: failed!.id });
    await runJobsUntilIdle(handle.db);
    const { files } = await filesOf(from);
    expect(files.map((file) => [file.id, file.status, file.error])).toEqual([[failed!.id, "stored", null]]);
    expect(files[0]!.data?.equals(PNG)).toBe(true);
    expect(mediaHits["/back-later.png"]).toBe(7);
  });

  it("fetches nothing from a MediaUrl that is not on Twilio's media host, sends it no credentials, and keeps the message with a notice", async () => {
    const from = newCustomer();
    const port = new URL(mediaBase).port;
    await text(from, "Here is the receipt", {
      NumMedia: "4",
      MediaUrl0: `${elsewhereBase}/receipt.png`,
      MediaContentType0: "image/png",
      // The stand-in's own port, under another name: not the same origin.
      MediaUrl1: `http://localhost:${port}/via-localhost.png`,
      MediaContentType1: "image/png",
      MediaUrl2: `${mediaBase}/photo.png`,
      MediaContentType2: "image/png",
      MediaUrl3: `http://api.twilio.com@${new URL(elsewhereBase).host}/pretend.png`,
      MediaContentType3: "image/png",
    });
    await runJobsUntilIdle(handle.db);

    expect(elsewhereRequests).toEqual([]);
    expect(mediaHits).toEqual({ "/photo.png": 1 });
    const { message, files } = await filesOf(from);
    expect(message.body).toBe("Here is the receipt");
    expect(files.map((file) => [file.status, file.error])).toEqual([
      ["failed", MEDIA_HOST_REFUSED],
      ["failed", MEDIA_HOST_REFUSED],
      ["stored", null],
      ["failed", MEDIA_HOST_REFUSED],
    ]);
    // Refused once and for all: no download job tried again.
    const downloads = await handle.db.select({ attempts: jobs.attempts, doneAt: jobs.doneAt, payload: jobs.payload }).from(jobs).where(eq(jobs.kind, "media.download"));
    const refused = downloads.filter((job) => files.some((file) => file.status === "failed" && file.id === job.payload.attachmentId));
    expect(refused.map((job) => [job.attempts, job.doneAt !== null])).toEqual([
      [1, true],
      [1, true],
      [1, true],
    ]);
    // Asking again changes nothing either.
    await expect(retryAttachmentDownload({ db: handle.db, attachmentId: files[0]!.id })).rejects.toThrow("This file's address is not on Twilio's media host, so the app will not fetch it.");
    await runJobsUntilIdle(handle.db);
    expect(elsewhereRequests).toEqual([]);
  });

  it("follows Twilio's redirect to where the file is kept without taking the credentials along", async () => {
    const from = newCustomer();
    await text(from, "", { NumMedia: "1", MediaUrl0: `${mediaBase}/moved.png`, MediaContentType0: "image/png" });
    await runJobsUntilIdle(handle.db);
    const { files } = await filesOf(from);
    expect(files.map((file) => file.status)).toEqual(["stored"]);
    expect(elsewhereRequests).toEqual([{ path: "/kept/moved.png", authorization: undefined }]);
  });

});
