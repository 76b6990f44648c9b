import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm run test:faults`: the slow suite that starts real app processes (`next start`),
// stops databases and kills processes. It needs a production build (`npm run build`).
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // db/ is marked server-only for Next's bundles; tests run it directly.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    globalSetup: ["tests/faults/support/global-setup.ts"],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
