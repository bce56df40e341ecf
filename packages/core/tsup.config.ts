import { defineConfig } from "tsup";

export default defineConfig({
  // One entry per subpath export: `opentelemetry` stays out of index, so the main entry never
  // loads the optional peer.
  entry: ["src/index.ts", "src/opentelemetry.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  // Already external as a peer dependency; listed so a move to devDependencies cannot bundle it.
  external: ["@opentelemetry/api"],
});
