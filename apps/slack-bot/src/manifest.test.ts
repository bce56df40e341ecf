import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { EVENTS_PATH } from "./app.ts";

it("the manifest declares /mybot on the app's events path with only the commands scope", () => {
  const manifest = parse(readFileSync(new URL("../manifest.yaml", import.meta.url), "utf8"));
  const [command] = manifest.features.slash_commands;
  expect(command.command).toBe("/mybot");
  expect(new URL(command.url).pathname).toBe(EVENTS_PATH);
  expect(manifest.oauth_config.scopes.bot).toEqual(["commands"]);
  expect(manifest.settings.socket_mode_enabled).toBe(false);
});
