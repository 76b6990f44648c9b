import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

// Imports run one way: app → components/lib → db (ARCHITECTURE.md). Each entry is a folder
// others may not reach from the files it is listed for.
const layer = (folder) => ({
  group: [`@/${folder}`, `@/${folder}/*`, `**/${folder}/*`],
  message: `Imports run one way (app → components/lib → db): this folder may not import from ${folder}/.`,
});
const sandbox = {
  group: ["@/lib/sandbox", "@/lib/sandbox/*"],
  message: "Only the start-up (lib/setup) reaches the sandbox: it hands the sandbox's job handlers to the worker.",
};
// Work is queued through lib/jobs/enqueue.ts, which checks the payload against the job catalog.
const rawJobInsert = { name: "@/db/queries/jobs", importNames: ["insertJob"], message: "Queue work with enqueueJob from @/lib/jobs/enqueue: it checks the payload." };
const restrict = (patterns, paths = []) => ["error", { patterns, paths }];

const reactRulesOff = Object.fromEntries(
  [...coreWebVitals, ...typescript]
    .flatMap((entry) => Object.keys(entry.rules ?? {}))
    .filter((rule) => /^(react|react-hooks|jsx-a11y|@next\/next)\//.test(rule))
    .map((rule) => [rule, "off"]),
);

// Next's preset lists 1,174 browser and Node globals. Only no-undef reads them, and it is off
// (TypeScript checks names); but the cycle check serializes the language options, globals
// included, at every import it follows, which was a fifth of a lint's time.
const withoutGlobals = (entries) =>
  entries.map((entry) => {
    if (!entry.languageOptions?.globals) return entry;
    const { globals: _globals, ...languageOptions } = entry.languageOptions;
    return { ...entry, languageOptions };
  });

const config = [
  ...withoutGlobals(coreWebVitals),
  ...typescript,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", ".data-*/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Packages are not followed when looking for import cycles: only the app's own files can make one.
    // Each file is parsed once for the cycle check: by default its parse is forgotten after 30 s,
    // less than a lint of the whole project takes, and parsed again.
    settings: { "import/ignore": ["node_modules"], "import/cache": { lifetime: Infinity } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      // The configuration is parsed once, in env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env() from @/env, which checks it." }],
    },
  },
  {
    // Where process.env is the point: the configuration itself, build and test set-up, tests, scripts.
    files: ["env.ts", "next.config.ts", "playwright.config.ts", "vitest.*.mts", "tests/**", "e2e/**", "bench/**", "scripts/**", "**/*.test.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  // Nothing in the app imports the tests, the bench or the scripts, so no cycle through the app
  // runs through them: following their imports again from each of them was half of a lint's time.
  { files: ["**/*.test.ts", "e2e/**", "tests/**", "bench/**", "scripts/**"], rules: { "import/no-cycle": "off" } },
  // React lives in app/ and components/: the React, hooks, accessibility and Next rules (the hooks
  // rules run the React Compiler on every function) have nothing to find anywhere else.
  { files: ["lib/**", "db/**", "tests/**", "bench/**", "scripts/**", "e2e/**", "*.ts", "*.mts", "*.mjs"], rules: reactRulesOff },
  { files: ["db/**"], rules: { "no-restricted-imports": restrict([layer("lib"), layer("app"), layer("components")]) } },
  { files: ["lib/**"], rules: { "no-restricted-imports": restrict([layer("app"), layer("components"), sandbox], [rawJobInsert]) } },
  { files: ["lib/sandbox/**", "lib/setup/**"], rules: { "no-restricted-imports": restrict([layer("app"), layer("components")], [rawJobInsert]) } },
  { files: ["lib/jobs/**"], rules: { "no-restricted-imports": restrict([layer("app"), layer("components"), sandbox]) } },
  // Server actions live in lib/<capability>/actions.ts, where pages and components both import them.
  { files: ["components/**"], rules: { "no-restricted-imports": restrict([{ ...layer("app"), message: "components/ may not import from app/. Put server actions in lib/<capability>/actions.ts, or pass them as props." }]) } },
];

export default config;
