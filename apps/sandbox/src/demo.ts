/**
 * The demo dataset the sandbox starts with when no seed is given: the vendor's example
 * customer and bot, one known user (Asha, from the seed example) and generated users
 * whose recent activity ends now, so the apps have something live to show.
 *
 * @module
 */
import { ASHA_ID, DEMO_CREDENTIAL } from "./demo-credential.ts";
import { generateUsers } from "./generator.ts";
import type { Seed } from "./seed.ts";

export { DEMO_CREDENTIAL };

/**
 * @example
 * ```ts
 * loadSeed(store, demoSeed(Date.now()));
 * ```
 */
export function demoSeed(now: number): Seed {
  const generated = [
    ...generateUsers({ users: 200, messagesPerUser: 30, seed: 2024, endTime: now }),
  ];
  return {
    customers: [
      {
        customerId: DEMO_CREDENTIAL.customerId,
        bots: [
          {
            botKey: DEMO_CREDENTIAL.botKey,
            apiKeys: [{ key: DEMO_CREDENTIAL.apiKey, status: "active" }],
            users: [
              {
                channelUserId: ASHA_ID,
                channel: "whatsapp",
                name: "Asha",
                attributes: {
                  email: "asha@example.com",
                  plan: "gold",
                  c1: "straberry",
                  feedback: "5",
                },
                messages: [
                  { id: "m1", timestamp: now - 60_000, sender: "user", response: "hi" },
                  {
                    id: "m2",
                    timestamp: now - 58_500,
                    sender: "bot",
                    response: "Hello! How can I help you today?",
                  },
                ],
              },
              ...generated.map(({ user, messages }) => ({ ...user, messages })),
            ],
          },
        ],
      },
    ],
  };
}
