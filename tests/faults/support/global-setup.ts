import fs from "node:fs";

/** The fault suite drives `next start`, so it needs the production build. */
export default function setup() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    throw new Error("No production build: run `npm run build` before `npm run test:faults`.");
  }
}
