/**
 * What both-modes.test.ts looks up, put in the sandbox once for every runtime and transport: a
 * user with 45 numbered messages to page through, and one with a phone attribute for the card.
 *
 * @module
 */
import type { startMyBot } from "./harness.ts";

export const PAGER = "both-modes-pager";
export const CARD = "919876500001";

/**
 * @example
 * ```ts
 * await seedBothModes(await startMyBot());
 * ```
 */
export async function seedBothModes(mybot: Awaited<ReturnType<typeof startMyBot>>) {
  const start = Date.now() - 3_600_000;
  await mybot.putUser(
    PAGER,
    Array.from({ length: 45 }, (_, i) => ({
      timestamp: start + i * 1000,
      sender: i % 2 ? "bot" : "user",
      response: `line ${String(i).padStart(2, "0")}`,
    })),
  );
  await mybot.admin.putUser(CARD, {
    channel: "whatsapp",
    name: "Meera Iyer",
    attributes: { phone: CARD, plan: "gold" },
    messages: [
      { timestamp: Date.now() - 3_600_000, sender: "user", response: "my order?" },
      { timestamp: Date.now() - 3_500_000, sender: "bot", response: "on its way" },
    ],
  });
}

/** The numbers of the `line NN` messages in a reply, in the order shown. */
export const lines = (reply: { blocks?: unknown[] }) =>
  [...JSON.stringify(reply.blocks).matchAll(/line (\d{2})/g)].map((m) => Number(m[1]));
export const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i);
