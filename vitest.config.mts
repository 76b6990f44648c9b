import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const include = ["env.test.ts", "lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "tests/**/*.test.ts"];
const exclude = ["tests/faults/**", "node_modules/**"];

/** Every test file under these folders (and env.test.ts), as a path from the project's root. */
function testFiles(): string[] {
  const found = ["env.test.ts"];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".test.ts")) found.push(file);
    }
  };
  for (const folder of ["lib", "db", "app", "tests"]) walk(folder);
  return found.filter((file) => !file.startsWith(path.join("tests", "faults")));
}

// Files that replace modules or globals (vi.mock and the like) get a fresh process each.
// The rest share one process per worker, so the app's modules (Next, the Twilio SDK, PGlite)
// are loaded once per worker instead of once per file: importing them was most of the run.
// tests/support/shared-process.ts puts back what a file changed before the next one starts.
const isolated = testFiles().filter((file) => /\bvi\.(mock|doMock|stubEnv|stubGlobal|resetModules)\(/.test(fs.readFileSync(file, "utf8")));

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
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
      // (A project's include and exclude would add to the root's, so only the projects have them.)
      { extends: true, test: { name: "shared", include, exclude: [...exclude, ...isolated], isolate: false, setupFiles: ["tests/support/shared-process.ts"] } },
      { extends: true, test: { name: "isolated", include: isolated } },
    ],
  },
});
