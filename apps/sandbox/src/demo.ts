/**
 * The demo dataset the sandbox starts with when no seed is given: the vendor's example
 * customer and bot, one known user (Asha, from the seed example) and generated users
 * whose recent activity ends now, so the apps have something live to show.
 *
 * @module
 */
import { generateUsers } from "./generator.ts";
import type { Seed } from "./seed.ts";

/** The demo credential, public on purpose: it only opens the local sandbox. */
export const DEMO_CREDENTIAL = {
  customerId: "10294",
  botKey: "1a1c9bfa5e0f41ed",
  apiKey: "5f0c2d1e-8a4b-4c6d-9e7f-0a1b2c3d4e5f-DEMO123",
} as const;

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
                channelUserId: "919812345678",
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
