import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";

const read = (name: string) => {
  const text = readFileSync(new URL(`../${name}`, import.meta.url), "utf8");
  return { text, manifest: parse(text) };
};

it("the Socket Mode manifest turns Socket Mode and interactivity on, with no request URL", () => {
  const { manifest, text } = read("manifest.socket-mode.yaml");
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
  expect(manifest.features.slash_commands.map((c: { url?: string }) => c.url)).toEqual([undefined]);
  expect(text).not.toMatch(/https?:\/\/[^\s]*slack\/events/);
  expect(text).toContain("connections:write");
});

it("differs from manifest.yaml only in the URLs and the Socket Mode switch", () => {
  const http = read("manifest.yaml").manifest;
  for (const command of http.features.slash_commands) delete command.url;
  delete http.settings.interactivity.request_url;
  http.settings.socket_mode_enabled = true;
  expect(read("manifest.socket-mode.yaml").manifest).toEqual(http);
});
