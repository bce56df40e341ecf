/**
 * A sandbox for the CLI's end-to-end tests in the observed shape (the default) or in one of its
 * opposite variants (apps/sandbox `SANDBOX_*` settings), with a small seed whose every message,
 * name, phone number and id is known, so that tests can check that each message is written once
 * and that the doctor's sample leaks none of them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "@mybot/sandbox";
import { DEMO_CREDENTIAL } from "@mybot/test-kit";
import { startTestSandbox } from "@mybot/test-kit/sandbox";

export const CREDENTIAL = {
  customerId: DEMO_CREDENTIAL.customerId,
  botKey: DEMO_CREDENTIAL.botKey,
  apiKey: "7d3e9b2a-4c1f-4e8a-b6d0-9f2c1a3e5b7d-SECRET9",
};

/** One variant: the sandbox settings, and what the doctor must say about it. */
export interface Variant {
  name: string;
  env: Record<string, string>;
  expect: {
    listKey: "conversations" | "messages";
    order: "newest-first" | "oldest-first";
    ids: "present" | "absent";
    pageMetadata: boolean;
    timestampFormat: string;
  };
}

const OBSERVED: Variant["expect"] = {
  listKey: "conversations",
  order: "newest-first",
  ids: "absent",
  pageMetadata: false,
  timestampFormat: "YYYY-MM-DD HH:mm:ss.SSS+HHMM",
};

/** The observed shape, then each unconfirmed part switched to its opposite. */
export const VARIANTS: Variant[] = [
  { name: "observed (default)", env: {}, expect: OBSERVED },
  {
    name: "list key messages",
    env: { SANDBOX_LIST_KEY: "messages" },
    expect: { ...OBSERVED, listKey: "messages" },
  },
  {
    name: "oldest-first",
    env: { SANDBOX_ORDER: "oldest-first" },
    expect: { ...OBSERVED, order: "oldest-first" },
  },
  { name: "ids on", env: { SANDBOX_MESSAGE_IDS: "on" }, expect: { ...OBSERVED, ids: "present" } },
  {
    name: "page metadata on",
    env: { SANDBOX_PAGE_METADATA: "on" },
    expect: { ...OBSERVED, pageMetadata: true },
  },
  {
    name: "numeric timestamps",
    env: { SANDBOX_TIMESTAMPS: "number" },
    expect: { ...OBSERVED, timestampFormat: "number (epoch milliseconds)" },
  },
];

export interface SeedMessage {
  id?: string;
  timestamp: number;
  sender: "user" | "bot" | "agent";
  response: string;
  message_type?: string;
  file?: { url: string; mimeType: string; uploadType: string };
}

const DAY = 86_400_000;
/** Ten days ago, to the millisecond: well inside any window ending now. */
const T0 = Math.floor((Date.now() - 10 * DAY) / 1000) * 1000 + 250;

export const AGENT_NAME = "Ravindra Quillfeather";
export const FILE_NAME = "invoice-7731.pdf";
export const FILE_URL = `https://files.example.org/u/zq/${FILE_NAME}`;

/** 23 messages of every kind; two share an instant; all carry ids of their own. */
function zubeidaMessages(): SeedMessage[] {
  const out: SeedMessage[] = [];
  for (let i = 0; i < 23; i++) {
    // Messages 10 and 11 share an instant, with different content.
    const timestamp = T0 + (i === 11 ? 10 : i) * 37_000 + (i % 3) * 123;
    const id = `zq-msg-${String(i).padStart(2, "0")}`;
    if (i === 3)
      out.push({
        id,
        timestamp,
        sender: "bot",
        response: "[⭐, ⭐⭐, ⭐⭐⭐]",
        message_type: "OPTIONS",
      });
    else if (i === 7)
      out.push({
        id,
        timestamp,
        sender: "agent",
        response: JSON.stringify({
          agentId: 4711,
          PARTICIPATION_MESSAGE: `<strong>${AGENT_NAME}</strong> joined the conversation`,
        }),
        message_type: "AGENT_PARTICIPATION_STATUS",
      });
    else if (i === 12)
      out.push({
        id,
        timestamp,
        sender: "user",
        response: `User uploaded ${FILE_NAME} - [application/pdf]`,
        message_type: "FILE_RECEIVED",
        file: { url: FILE_URL, mimeType: "application/pdf", uploadType: "FILE" },
      });
    else
      out.push({
        id,
        timestamp,
        sender: i === 8 ? "agent" : i % 2 ? "bot" : "user",
        response:
          i === 4
            ? "Zubeida here, my number is +919800000001"
            : `pineapple-xylophone-${String(i).padStart(2, "0")}, said Zubeida`,
      });
  }
  return out;
}

export interface SeededUser {
  channelUserId: string;
  channel: string;
  name: string;
  attributes: Record<string, string>;
  messages: SeedMessage[];
}

/** The seeded users, with their messages. */
export const USERS: SeededUser[] = [
  {
    channelUserId: "919800000001",
    channel: "whatsapp",
    name: "Zubeida Quarshie",
    attributes: { plan: "gold", phone: "+919800000001", email: "zubeida.q@example.org" },
    messages: zubeidaMessages(),
  },
  {
    channelUserId: "919800000002",
    channel: "web",
    name: "Oluwaseun Brightwater",
    attributes: { plan: "gold", email: "seun.bw@example.org" },
    messages: Array.from({ length: 7 }, (_, i) => ({
      timestamp: T0 + DAY + i * 61_000,
      sender: i % 2 ? "bot" : "user",
      response: `quokka-marmalade-${i} from Oluwaseun`,
    })),
  },
  {
    channelUserId: "919800000003",
    channel: "telegram",
    name: "Marguerite Thistlewood",
    attributes: { plan: "gold" },
    messages: [],
  },
  {
    channelUserId: "919800000004",
    channel: "whatsapp",
    name: "Silvanus Oakhaven",
    attributes: { plan: "silver" },
    messages: [0, 1, 2].map((i) => ({
      timestamp: T0 + 2 * DAY + i * 1000,
      sender: "user",
      response: `walrus-${i}`,
    })),
  },
];

/** The user with every kind of message. */
export const ZUBEIDA = USERS[0] as SeededUser;

/** The gold cohort, in the sandbox's listing order (by channel user id). */
export const GOLD = USERS.filter((u) => u.attributes.plan === "gold");

/** A message's identity for comparisons: the same whichever shape carried it. */
export const messageKey = (m: { timestamp: number; sender: string; response: string }) =>
  `${m.timestamp}|${m.sender}|${m.response}`;

function writeSeed(): string {
  const seed = {
    customers: [
      {
        customerId: CREDENTIAL.customerId,
        bots: [
          {
            botKey: CREDENTIAL.botKey,
            utcOffset: "+0530",
            apiKeys: [{ key: CREDENTIAL.apiKey, status: "active" }],
            users: USERS,
          },
        ],
      },
    ],
  };
  const path = join(mkdtempSync(join(tmpdir(), "mybot-cli-seed-")), "seed.json");
  writeFileSync(path, JSON.stringify(seed));
  return path;
}

/** A running sandbox in one variant, with the `MYBOT_*` environment that reaches it. */
export interface VariantSandbox {
  sandbox: Sandbox;
  url: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const running = await startVariant(VARIANTS[2]);
 * await running.close();
 * ```
 */
export async function startVariant(variant: Variant): Promise<VariantSandbox> {
  const { sandbox, url, env, close } = await startTestSandbox({
    seed: writeSeed(),
    credential: CREDENTIAL,
    env: variant.env,
  });
  return { sandbox, url, env, close };
}
