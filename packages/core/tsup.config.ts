import { defineConfig } from "tsup";

export default defineConfig({
  // One entry per subpath export: `opentelemetry` and `wire` stay out of index, so the main entry
  // never loads the optional peer, and its bundle holds only what a client needs.
  entry: ["src/index.ts", "src/opentelemetry.ts", "src/wire.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  // Already external as a peer dependency; listed so a move to devDependencies cannot bundle it.
  external: ["@opentelemetry/api"],
});
