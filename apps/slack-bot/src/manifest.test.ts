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

it("the manifest sends button presses to the same events URL as the command", () => {
  const manifest = parse(readFileSync(new URL("../manifest.yaml", import.meta.url), "utf8"));
  const { interactivity } = manifest.settings;
  expect(interactivity.is_enabled).toBe(true);
  expect(interactivity.request_url).toBe(manifest.features.slash_commands[0].url);
});
