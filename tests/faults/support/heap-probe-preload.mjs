// Loaded into the soak's app processes with NODE_OPTIONS=--import (see heap-probe.ts). On
// SIGUSR2 the process collects all its garbage, then writes what is still alive to
// $HEAP_PROBE_DIR/<pid>.json: memory a leak keeps, without the garbage a busy or starved
// process has not collected yet, which resident memory counts too.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";

const dir = process.env.HEAP_PROBE_DIR;
if (dir) {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  process.on("SIGUSR2", () => {
    gc();
    const { heapUsed, external, rss } = process.memoryUsage();
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), heapUsed, external, rss }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
