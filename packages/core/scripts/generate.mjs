// Writes the TypeScript types of contracts/openapi/mybot.yaml to the path given as argv[2].
// The drift test (src/generated/drift.test.ts) calls this same script into a temp file.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/generate.mjs <out.d.ts>");
  process.exit(2);
}
const spec = new URL("../../../contracts/openapi/mybot.yaml", import.meta.url);
const ast = await openapiTS(spec, { alphabetize: true });
const banner =
  "// Generated from contracts/openapi/mybot.yaml by openapi-typescript. Do not edit.\n";
writeFileSync(out, banner + astToString(ast));
console.log(`wrote ${fileURLToPath(new URL(out, `file://${process.cwd()}/`))}`);
