/**
 * A deterministic generator of realistic sandbox data: the same options give the same users
 * and messages, byte for byte. Users talk on several channels and carry the attributes the
 * apps use as cohorts (email, phone, plan, feedback, city, language); conversations alternate
 * user and bot turns with human-like gaps, and some are handed over to a human agent.
 *
 * @module
 */
import type { Seed } from "./seed.ts";
import type { StoredMessage, StoredUser } from "./store/store.ts";

/** What to generate. */
export interface GeneratorOptions {
  users: number;
  /** The average; per-user counts vary (a few users have many times more). */
  messagesPerUser: number;
  seed: number;
  /** The newest message is at most this, epoch ms. */
  endTime: number;
  customerId?: string;
  botKey?: string;
}

/** A fixed end for reproducible files: 2026-01-01T00:00:00Z. */
export const DEFAULT_END_TIME = Date.UTC(2026, 0, 1);

/** mulberry32: small, fast, and good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Asha",
  "Ravi",
  "Meera",
  "John",
  "Fatima",
  "Wei",
  "Lucia",
  "Omar",
  "Priya",
  "Kenji",
  "Sara",
  "Tunde",
  "Elif",
  "Diego",
  "Anna",
  "Vikram",
];
const LAST = [
  "Rao",
  "Smith",
  "Khan",
  "Garcia",
  "Chen",
  "Okafor",
  "Silva",
  "Nair",
  "Müller",
  "Haddad",
  "Ito",
  "Kowalski",
];
const CITIES = [
  "Mumbai",
  "Bengaluru",
  "London",
  "Lagos",
  "São Paulo",
  "Dubai",
  "Singapore",
  "Berlin",
];
const CHANNELS = [
  "whatsapp",
  "whatsapp",
  "whatsapp",
  "web",
  "web",
  "messenger",
  "telegram",
  "instagram",
];
const PLANS = ["free", "free", "free", "free", "silver", "silver", "gold", "gold", "platinum"];
const OPENERS = [
  "hi",
  "Hello",
  "I need help with my order",
  "Where is my refund?",
  "Can I change my plan?",
  "What are your opening hours?",
  "My payment failed",
  "How do I reset my password?",
];
const FOLLOW_UPS = [
  "ok",
  "thanks!",
  "It still doesn't work",
  "order #{n}",
  "Can I talk to a person?",
  "that helped",
  "what about delivery to {city}?",
  "yes please",
];
const BOT_REPLIES = [
  "Hello! How can I help you today?",
  "Sure, let me check that for you.",
  "Your order #{n} is on its way.",
  "I have sent a reset link to your email.",
  "Our hours are 9:00–18:00, Monday to Saturday.",
  "Is there anything else I can help with?",
  "Let me connect you to an agent.",
];
const AGENT_REPLIES = [
  "Hi, this is {agent} from support. I can see the issue.",
  "I've refunded the payment; it takes 3–5 days.",
  "Done — anything else?",
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Users with their messages, one at a time, so that a million messages never sit in memory.
 *
 * @example
 * ```ts
 * for (const { user, messages } of generateUsers({ users: 10, messagesPerUser: 20, seed: 1, endTime: DEFAULT_END_TIME })) {}
 * ```
 */
export function* generateUsers(
  options: GeneratorOptions,
): Generator<{ user: StoredUser; messages: StoredMessage[] }> {
  const rand = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const between = (min: number, max: number) => Math.round(min + rand() * (max - min));
  const fill = (text: string) =>
    text
      .replace("{n}", String(between(10000, 99999)))
      .replace("{city}", pick(CITIES))
      .replace("{agent}", pick(FIRST));

  for (let i = 0; i < options.users; i++) {
    const channel = pick(CHANNELS);
    const first = pick(FIRST);
    const last = pick(LAST);
    const phone = `91${7_000_000_000 + i * 13 + between(0, 12)}`;
    const channelUserId =
      channel === "whatsapp"
        ? phone
        : channel === "web"
          ? `web-${((i * 2654435761) >>> 0).toString(16).padStart(8, "0")}${i.toString(36)}`
          : `${channel.slice(0, 2)}${100000000 + i}`;
    const user: StoredUser = {
      channelUserId,
      channel,
      name: `${first} ${last}`,
      attributes: {
        email: `${first}.${last}.${i}@example.com`.toLowerCase(),
        phone: `+${phone}`,
        plan: pick(PLANS),
        feedback: String(between(1, 5)),
        city: pick(CITIES),
        language: pick(["en", "en", "hi", "es", "ar", "pt"]),
      },
    };

    // Exponential spread around the mean: most users are light, a few are heavy.
    const count = Math.max(1, Math.round(-options.messagesPerUser * Math.log(1 - rand() * 0.9999)));
    const messages: StoredMessage[] = [];
    let t = 0;
    let agentSession = false;
    while (messages.length < count) {
      const opener = messages.length === 0 || rand() < 0.35;
      if (opener) {
        t += messages.length === 0 ? 0 : between(HOUR, 4 * DAY);
        agentSession = rand() < 0.1;
      } else t += between(5_000, 120_000);
      messages.push({
        id: `${i.toString(36)}-${messages.length}`,
        timestamp: t,
        sender: "user",
        text: fill(opener ? pick(OPENERS) : pick(FOLLOW_UPS)),
      });
      if (messages.length >= count) break;
      t += between(400, 3_000);
      messages.push({
        id: `${i.toString(36)}-${messages.length}`,
        timestamp: t,
        sender: "bot",
        text: fill(pick(BOT_REPLIES)),
      });
      if (agentSession && messages.length < count && rand() < 0.5) {
        t += between(20_000, 300_000);
        messages.push({
          id: `${i.toString(36)}-${messages.length}`,
          timestamp: t,
          sender: "agent",
          text: fill(pick(AGENT_REPLIES)),
        });
      }
    }
    const shift = options.endTime - between(0, 3 * DAY) - t;
    for (const m of messages) m.timestamp += shift;
    yield { user, messages };
  }
}

/**
 * The same data as a seed document, with one active key.
 *
 * @example
 * ```ts
 * const seed = generateSeed({ users: 100, messagesPerUser: 30, seed: 42, endTime: DEFAULT_END_TIME }, "my-key");
 * ```
 */
export function generateSeed(options: GeneratorOptions, apiKey: string): Seed {
  const users = [...generateUsers(options)].map(({ user, messages }) => ({ ...user, messages }));
  return {
    customers: [
      {
        customerId: options.customerId ?? "10294",
        bots: [
          {
            botKey: options.botKey ?? "1a1c9bfa5e0f41ed",
            apiKeys: [{ key: apiKey, status: "active" }],
            users,
          },
        ],
      },
    ],
  };
}
