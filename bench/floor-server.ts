// The floor any Node app pays: a bare node:http server doing one INSERT per request.
// Run as its own process: `tsx bench/floor-server.ts <port>` with DATABASE_URL or DATA_DIR.
import http from "node:http";

const port = Number(process.argv[2] ?? 3390);

async function makeInsert(): Promise<(sid: string, body: string) => Promise<void>> {
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
    await sql`create table if not exists floor_messages (sid text primary key, body text not null, created_at timestamptz not null default now())`;
    return async (sid, body) => {
      await sql`insert into floor_messages (sid, body) values (${sid}, ${body}) on conflict do nothing`;
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(process.env.DATA_DIR ?? "memory://");
  await db.query("create table if not exists floor_messages (sid text primary key, body text not null, created_at timestamptz not null default now())");
  return async (sid, body) => {
    await db.query("insert into floor_messages (sid, body) values ($1, $2) on conflict do nothing", [sid, body]);
  };
}

async function main() {
  const insert = await makeInsert();
  http
  .createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const params = new URLSearchParams(raw);
      insert(params.get("MessageSid") ?? String(Math.random()), params.get("Body") ?? "")
        .then(() => {
          res.writeHead(200, { "Content-Type": "text/xml" });
          res.end("<Response/>");
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  })
  .listen(port, "127.0.0.1", () => console.log("READY"));
}

void main();
