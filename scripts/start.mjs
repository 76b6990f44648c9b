// `npm start` and `npm run worker`: the production server, `next start`, in a node process
// with the flags its layout needs (scripts/node-flags.mjs). Signals pass through to it, and
// this process ends as it does.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import nextEnv from "@next/env";
import { nodeFlags } from "./node-flags.mjs";

// DATABASE_URL may come from an .env file, which `next start` reads too.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [...nodeFlags(process.env), next, "start", ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  // Ended by a signal: end the same way, as the one process did before this wrapper.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
