// After `changeset version` bumps package.json, carries the version into src/version.ts
// (sent in the User-Agent) and jsr.json (Deno users), which changesets does not know about.
import { readFileSync, writeFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const versionFile = new URL("../src/version.ts", import.meta.url);
writeFileSync(
  versionFile,
  readFileSync(versionFile, "utf8").replace(/VERSION = "[^"]*"/, `VERSION = "${version}"`),
);
const jsrFile = new URL("../jsr.json", import.meta.url);
const jsr = JSON.parse(readFileSync(jsrFile, "utf8"));
writeFileSync(jsrFile, `${JSON.stringify({ ...jsr, version }, null, 2)}\n`);
console.log(`@mybot/core ${version}: src/version.ts and jsr.json updated`);
