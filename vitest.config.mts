import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));
const include = ["env.test.ts", "lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "tests/**/*.test.ts"];
const exclude = ["tests/faults/**", "node_modules/**"];

/** Every test file where `include` looks (the projects' `exclude` still applies), relative to the root. */
function testFiles(): string[] {
  const found: string[] = [];
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full) || entry.endsWith("node_modules")) return;
    if (fs.statSync(full).isDirectory()) for (const name of fs.readdirSync(full)) walk(path.posix.join(entry, name));
    else if (entry.endsWith(".test.ts")) found.push(entry);
  };
  for (const start of new Set(include.map((pattern) => pattern.split("/")[0]!))) walk(start);
  return found;
}

// A file that replaces modules, stubs globals or changes process.env gets modules of its own;
// the rest share each worker's modules, which spares re-evaluating the app's imports (drizzle,
// zod, the schema, the SDK) for every file: half the suite's CPU.
const changesShared = /\bvi\.(mock|doMock|unmock|resetModules|stubEnv|stubGlobal|spyOn)\(|process\.env(\.[A-Za-z_]+|\[[^\]]+\])\s*=[^=]|delete process\.env|Object\.assign\(process\.env/;
const isolated = testFiles().filter((file) => changesShared.test(fs.readFileSync(path.join(root, file), "utf8")));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // db/ is marked server-only for Next's bundles; tests run it directly.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    // Most test files wait on a database or a child process more than they compute: at least
    // three at once, even on two cores (vitest's own default would be one there).
    maxWorkers: Math.max(3, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "isolated", include: isolated, exclude } },
      { extends: true, test: { name: "shared", include, exclude: [...exclude, ...isolated], isolate: false } },
    ],
  },
});
