// `pnpm docs`: an HTML API reference of openapi/mybot.yaml, rendered by Redoc, into dist/docs/.
// The page embeds the spec and loads Redoc from a file beside it, so it works offline and from
// file://, with nothing fetched at run time.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const spec = parse(readFileSync(new URL("../openapi/mybot.yaml", import.meta.url), "utf8"));
const out = new URL("../dist/docs/", import.meta.url);
mkdirSync(out, { recursive: true });
copyFileSync(
  require.resolve("redoc/bundles/redoc.standalone.js"),
  new URL("redoc.standalone.js", out),
);
// "</" cannot close the script element when the spec's text contains it.
const embedded = JSON.stringify(spec).replaceAll("</", "<\\/");
writeFileSync(
  new URL("index.html", out),
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${spec.info.title} ${spec.info.version} — API reference</title>
<style>body { margin: 0; }</style>
</head>
<body>
<div id="redoc"></div>
<script src="./redoc.standalone.js"></script>
<script>
Redoc.init(${embedded}, { hideDownloadButton: true, expandResponses: "200", pathInMiddlePanel: true }, document.getElementById("redoc"));
</script>
</body>
</html>
`,
);
console.log(`API reference written to ${new URL("index.html", out).pathname}`);
