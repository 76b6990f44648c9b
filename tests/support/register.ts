// Runs the app's start (instrumentation.ts) in a process of its own, as `next start` does.
import { register } from "../../instrumentation";

void register().then(() => {
  console.log("STARTED");
  process.exit(0);
});
