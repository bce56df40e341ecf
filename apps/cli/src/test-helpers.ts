/**
 * Test helpers for the output formats. Not exported from the package, not part of the build.
 *
 * @module
 */
import type { ChatMessage } from "@mybot/core";
import { type Format, messageWriter } from "./format.ts";

/**
 * Everything a message writer of `format` writes for `messages`, its closing included.
 *
 * @example
 * ```ts
 * written("csv", [message]); // "id,timestamp,time,sender,type,text,file_url\n…"
 * ```
 */
export function written(format: Format, messages: ChatMessage[]): string {
  let out = "";
  const writer = messageWriter(format, (text) => {
    out += text;
  });
  for (const m of messages) writer.message(m);
  writer.end();
  return out;
}
