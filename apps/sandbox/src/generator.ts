/**
 * A deterministic generator of realistic sandbox data: the same options give the same users
 * and messages, byte for byte. Users talk on several channels and carry the attributes the
 * apps use as cohorts (email, phone, plan, feedback, city, language); conversations alternate
 * user and bot turns with human-like gaps, and some are handed over to a human agent. Messages
 * look like what the live vendor sends (shared/mybot-api/README.md): mostly `TEXT`; the bot
 * asks for feedback with an `OPTIONS` message of stars; an agent session starts with an
 * `AGENT_PARTICIPATION_STATUS` message; users upload files (`FILE_RECEIVED`).
 *
 * @module
 */
import { DEMO_CREDENTIAL } from "./demo-credential.ts";
import { sessionUserId } from "./derived-ids.ts";
import { prng } from "./prng.ts";
import type { Seed } from "./seed.ts";
import type { Sender, StoredFile, StoredMessage, StoredUser } from "./store/store.ts";

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
const FEEDBACK_QUESTION = "How would you rate this conversation?";
/** The vendor's `OPTIONS` response: the offered choices as one string. */
const FEEDBACK_OPTIONS = "[⭐, ⭐⭐, ⭐⭐⭐, ⭐⭐⭐⭐, ⭐⭐⭐⭐⭐]";
/** Live agents, with their `AGENT_PARTICIPATION_STATUS` response serialized once. */
const AGENTS = [
  [4411, "Ravi Rao"],
  [4412, "Meera Nair"],
  [4415, "John Smith"],
  [4420, "Fatima Khan"],
].map(([agentId, name]) => ({
  firstName: String(name).split(" ")[0] as string,
  joined: JSON.stringify({
    agentId,
    PARTICIPATION_MESSAGE: `<strong>${name}</strong> joined the conversation`,
  }),
}));
const UPLOADS = [
  ["invoice.pdf", "application/pdf"],
  ["screenshot.png", "image/png"],
  ["receipt.jpg", "image/jpeg"],
  ["order-details.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
] as const;

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
  const fill = (text: string, agent = "") =>
    text
      .replace("{n}", String(between(10000, 99999)))
      .replace("{city}", pick(CITIES))
      .replace("{agent}", agent);
  const customerId = options.customerId ?? DEMO_CREDENTIAL.customerId;
  const botKey = options.botKey ?? DEMO_CREDENTIAL.botKey;

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
    const userId = sessionUserId(customerId, botKey, channelUserId);
    const idPrefix = `${i.toString(36)}-`;

    // Exponential spread around the mean: most users are light, a few are heavy.
    const count = Math.max(1, Math.round(-options.messagesPerUser * Math.log(1 - rand() * 0.9999)));
    const messages: StoredMessage[] = [];
    let t = 0;
    const push = (
      sender: Sender,
      response: string,
      messageType = "TEXT",
      file: StoredFile | null = null,
    ) => {
      messages.push({
        id: idPrefix + messages.length,
        timestamp: t,
        sender,
        response,
        message_type: messageType,
        file,
        attachments: null,
        user_id: userId,
      });
      return messages.length >= count;
    };
    let agentSession = false;
    let agent: (typeof AGENTS)[number] | undefined;
    while (messages.length < count) {
      const opener = messages.length === 0 || rand() < 0.35;
      if (opener) {
        t += messages.length === 0 ? 0 : between(HOUR, 4 * DAY);
        agentSession = rand() < 0.1;
        agent = undefined;
      } else t += between(5_000, 120_000);
      let full: boolean;
      if (!opener && rand() < 0.06) {
        const [name, mimeType] = pick(UPLOADS);
        const url = `https://files.example.com/uploads/${idPrefix}${messages.length}/${name}`;
        full = push("user", `User uploaded ${name} - [${mimeType}]`, "FILE_RECEIVED", {
          url,
          mimeType,
          uploadType: "FILE",
        });
      } else full = push("user", fill(opener ? pick(OPENERS) : pick(FOLLOW_UPS)));
      if (full) break;
      t += between(400, 3_000);
      if (push("bot", fill(pick(BOT_REPLIES)))) break;
      if (rand() < 0.08) {
        // The bot asks for feedback, and offers stars as options.
        t += between(300, 1_500);
        if (push("bot", FEEDBACK_QUESTION)) break;
        t += between(100, 500);
        if (push("bot", FEEDBACK_OPTIONS, "OPTIONS")) break;
      }
      if (agentSession && rand() < 0.5) {
        t += between(20_000, 300_000);
        if (!agent) {
          // An agent's first message in a session is the vendor's participation notice.
          agent = pick(AGENTS);
          if (push("agent", agent.joined, "AGENT_PARTICIPATION_STATUS")) break;
          t += between(5_000, 60_000);
        }
        if (push("agent", fill(pick(AGENT_REPLIES), agent.firstName))) break;
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
        customerId: options.customerId ?? DEMO_CREDENTIAL.customerId,
        bots: [
          {
            botKey: options.botKey ?? DEMO_CREDENTIAL.botKey,
            apiKeys: [{ key: apiKey, status: "active" }],
            users,
          },
        ],
      },
    ],
  };
}
