// `npm test`: every check, each step started as soon as what it needs is done, so that the
// steps that mostly wait (the browser tests, the fault suite) overlap with the ones that
// compute (lint, the build, the integration tests):
//
//   unit (vitest) ──┬─ lint ─────────────────────────────┐
//                   ├─ typecheck (after the build) ───────┤
//                   └─ fault suite (after the build) ─────┤── soak ── summary
//   build ─── browser tests (each database at once) ──────┘
//
// The fault suite and its soak run with TEST_FAULTS=1. The integration tests have time
// limits: every step but the build and the browser tests (the longest) waits until they are
// done (whatever their result), so that they share the CPU with fewer steps. Where the
// kernel shares the CPU between steps equally (see lowerGroupPriority), each further step
// takes from them; with six at once, a test database took more than a minute to open.
//
// The build writes the route types that `tsc` reads, so the type check follows it (the build
// itself skips its own type check: TYPES_CHECKED=1). Each step's output goes to
// test-results/steps/<step>.log and is printed whole when the step ends, so two steps' lines
// never interleave; the last lines give each step's result and time. Any failed step fails the
// run; steps that do not need it go on, so one run shows every failure.
//
// TEST_STEPS=lint,unit,… runs only those steps (with the build when a chosen step needs it).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (name) => path.join("node_modules", ".bin", name);

/**
 * Each step: its command, the steps it needs (`after`: not run if one failed), the steps it
 * only waits for (`following`: whatever their result), and its niceness.
 */
const STEPS = {
  lint: { command: [bin("eslint"), "."], after: [], following: ["unit"], nice: 5 },
  // Not lowered: its tests have time limits, and a starved run misses them.
  unit: { command: [bin("vitest"), "run"], after: [], nice: 0 },
  build: { command: [bin("next"), "build"], after: [], nice: 0, env: { TYPES_CHECKED: "1" } },
  typecheck: { command: [bin("tsc"), "--noEmit"], after: ["build"], following: ["unit"], nice: 5 },
  e2e: { command: [process.execPath, "e2e/support/each-database.mjs"], after: ["build"], nice: 0 },
  faults: {
    command: [bin("vitest"), "run", "--config", "vitest.faults.config.mts", "--exclude", "tests/faults/soak.test.ts"],
    after: ["build"],
    following: ["unit"],
    nice: 0,
    only: process.env.TEST_FAULTS === "1",
  },
  // The soak runs last, alone: it checks that every webhook is answered, and on a CPU shared
  // with the other suites some were answered 503 (the app refusing work it could not finish
  // in time, which Twilio retries). Its memory check would bear a shared CPU: it judges live
  // memory after a full garbage collection, which stayed flat beside them.
  soak: {
    command: [bin("vitest"), "run", "--config", "vitest.faults.config.mts", "tests/faults/soak.test.ts"],
    after: ["build"],
    following: ["unit", "lint", "typecheck", "e2e", "faults"],
    nice: 0,
    only: process.env.TEST_FAULTS === "1",
  },
};

const chosen = process.env.TEST_STEPS ? new Set(process.env.TEST_STEPS.split(",").map((name) => name.trim())) : null;
for (const name of chosen ?? []) {
  if (!(name in STEPS)) {
    console.error(`TEST_STEPS names "${name}", which is not a step; the steps are: ${Object.keys(STEPS).join(", ")}.`);
    process.exit(2);
  }
}
const wanted = new Set(Object.keys(STEPS).filter((name) => (chosen ? chosen.has(name) : STEPS[name].only !== false)));
for (const name of [...wanted]) for (const before of STEPS[name].after) wanted.add(before);

const logDir = path.join("test-results", "steps");
fs.mkdirSync(logDir, { recursive: true });

const started = Date.now();
const seconds = (since) => Math.round((Date.now() - since) / 1000);
/** name → Promise<{ ok, seconds }> */
const runs = new Map();
const children = new Set();

function runStep(name) {
  if (runs.has(name)) return runs.get(name);
  const step = STEPS[name];
  const promise = (async () => {
    const before = await Promise.all(step.after.map(runStep));
    await Promise.all((step.following ?? []).filter((other) => wanted.has(other)).map(runStep));
    if (before.some((result) => !result.ok)) {
      console.log(`== ${name}: not run, because ${step.after.filter((_, i) => !before[i].ok).join(", ")} failed`);
      return { ok: false, seconds: 0, skipped: true };
    }
    const logFile = path.join(logDir, `${name}.log`);
    const out = fs.openSync(logFile, "w");
    const [command, ...args] = step.command;
    const nice = step.nice > 0 && fs.existsSync("/usr/bin/nice");
    // GNU time reports the CPU the step and its descendants used, so the summary shows where
    // the machine's time went (on a busy machine wall time alone says little).
    const cpuFile = path.join(logDir, `${name}.cpu`);
    const timed = fs.existsSync("/usr/bin/time") ? ["/usr/bin/time", "-q", "-f", "%U %S", "-o", cpuFile] : [];
    const argv = [...timed, ...(nice ? ["/usr/bin/nice", "-n", String(step.nice)] : []), command, ...args];
    const stepStarted = Date.now();
    console.log(`== ${name}: started at ${seconds(started)} s`);
    const child = spawn(argv[0], argv.slice(1), {
      env: { ...process.env, ...step.env },
      stdio: ["ignore", out, out],
      // Its own process group, so an interrupted run stops the step's whole tree, not only `time`.
      detached: true,
    });
    children.add(child);
    lowerGroupPriority(child.pid, step.nice);
    const status = await new Promise((resolve) => {
      child.on("error", (error) => {
        fs.appendFileSync(logFile, `\n${error.message}\n`);
        resolve(1);
      });
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
    children.delete(child);
    fs.closeSync(out);
    const output = fs.readFileSync(logFile, "utf8");
    const ok = status === 0;
    const result = { ok, seconds: seconds(stepStarted), cpu: cpuSeconds(cpuFile), failures: ok ? [] : failureLines(output) };
    console.log(`\n== ${name}: ${result.ok ? "passed" : "FAILED"} in ${result.seconds} s; its output:\n`);
    process.stdout.write(output);
    console.log(`== end of ${name}'s output\n`);
    return result;
  })();
  runs.set(name, promise);
  return promise;
}

/**
 * Each step is a session of its own (`detached`), and where the kernel groups sessions
 * (sched_autogroup, on by default) it shares the CPU between groups first: a niced process
 * then yields only to its own group's processes. So a step's niceness is also set on its
 * group, where Linux offers that, or the steps off the critical path would take as much CPU
 * as the browser tests.
 */
function lowerGroupPriority(pid, nice) {
  if (!(nice > 0) || !pid) return;
  try {
    fs.writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch {
    // No autogroups here: a process's own niceness is all there is.
  }
}

/**
 * The lines of a step's output that name a failed test and its first error: vitest's "FAIL" and
 * "×" lines, Playwright's numbered failures, and the "Error:" lines under them (at most 40).
 */
function failureLines(output) {
  const picked = [];
  for (const line of output.replace(/\x1b\[[0-9;]*m/g, "").split("\n")) {
    const trimmed = line.replace(/^\[[^\]]+\]\s*/, "").trim();
    if (/^(FAIL\s|×\s|✘\s|\d+\) \[|\w*Error: )/.test(trimmed) && !picked.includes(trimmed)) picked.push(trimmed);
    if (picked.length === 40) break;
  }
  return picked;
}

/** The user + system CPU seconds GNU time wrote for a step, or null. */
function cpuSeconds(file) {
  try {
    const [user, system] = fs.readFileSync(file, "utf8").trim().split(/\s+/).slice(-2).map(Number);
    return Number.isFinite(user + system) ? Math.round(user + system) : null;
  } catch {
    return null;
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }
    process.exit(130);
  });
}

/** The machine's CPU counters (busy, all) from /proc/stat, or null where there is none. */
function cpuCounters() {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const all = fields.reduce((sum, value) => sum + value, 0);
    return { busy: all - idle, all };
  } catch {
    return null;
  }
}
// How busy the machine was, minute by minute: idle minutes say the steps could overlap more.
const busyByMinute = [];
const firstCounters = cpuCounters();
let lastCounters = firstCounters;
const sampler = firstCounters
  ? setInterval(() => {
      const now = cpuCounters();
      busyByMinute.push(Math.round((100 * (now.busy - lastCounters.busy)) / Math.max(1, now.all - lastCounters.all)));
      lastCounters = now;
    }, 60_000)
  : null;
sampler?.unref();

const results = await Promise.all([...wanted].map(async (name) => [name, await runStep(name)]));
console.log(`== summary (${seconds(started)} s in all)`);
for (const [name, result] of results) {
  console.log(`   ${name.padEnd(10)} ${result.skipped ? "not run" : result.ok ? "passed" : "FAILED"}${result.skipped ? "" : ` in ${result.seconds} s`}${result.cpu == null ? "" : ` (CPU ${result.cpu} s)`}`);
}
// Each failed step's failures again, last: where only the end of the output is kept, it still
// names what failed, not only which step.
for (const [name, { failures = [] }] of results) {
  if (failures.length > 0) console.log(`   ${name} failed on:\n${failures.map((line) => `     ${line}`).join("\n")}`);
}
if (firstCounters) {
  clearInterval(sampler);
  const end = cpuCounters();
  const overall = Math.round((100 * (end.busy - firstCounters.busy)) / Math.max(1, end.all - firstCounters.all));
  console.log(`   the machine's CPU was ${overall} % busy; minute by minute: ${busyByMinute.join(" ")}`);
}
process.exit(results.every(([, result]) => result.ok) ? 0 : 1);
