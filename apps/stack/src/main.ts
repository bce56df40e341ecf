/**
 * `pnpm start`: the Slack app and the metrics exporter in one process, against MyBOT when
 * `MYBOT_BASE_URL` is set, otherwise against an embedded sandbox with the demo dataset. Prints
 * what runs where and how to try each part; Ctrl-C stops everything, leaving nothing behind.
 *
 * Settings come from the environment and `./.env` (the repo root's, under `pnpm start`).
 *
 * @module
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  createExporter,
  ExporterConfigError,
  loadConfig as loadExporterConfig,
} from "@mybot/metrics-exporter";
import {
  DEFAULT_HOST,
  EnvError,
  onShutdown,
  portFromEnv,
  readDotEnv,
  type Stop,
  serve,
} from "@mybot/runtime";
import { DEMO_CREDENTIAL, serveSandbox, startSandbox } from "@mybot/sandbox";
import {
  ACTION_IDS,
  createSlackBot,
  encodeButtonValue,
  loadConfig as loadSlackConfig,
  SlackBotConfigError,
} from "@mybot/slack-bot";
import { closeQuietly } from "./close-quietly.ts";
import {
  DEMO_SLACK_CHANNEL,
  DEMO_SLACK_USER,
  demoBlockAction,
  demoSlashCommand,
  type SigningSecretInShell,
} from "./demo-slash.ts";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../../..");
const env: Record<string, string | undefined> = { ...readDotEnv(root), ...process.env };
const port = (name: string, fallback: number) => portFromEnv(env, fallback, name);
// Loopback always: the demo signing secret and credential are printed for anyone to use.
const host = DEFAULT_HOST;

// Each closer goes first as soon as what it closes exists, so that the last started stops first
// and a failed start closes exactly what it had started.
const closers: Stop[] = [];
try {
  // MyBOT: the real one, or the embedded sandbox.
  let mybot = {
    baseUrl: env.MYBOT_BASE_URL,
    apiKey: env.MYBOT_API_KEY,
    customerId: env.MYBOT_CUSTOMER_ID,
    botKey: env.MYBOT_BOT_KEY,
  };
  let sandboxLine = "";
  if (!mybot.baseUrl) {
    const sandbox = await startSandbox({
      ...env,
      SANDBOX_DB: env.SANDBOX_DB ?? ":memory:",
      SANDBOX_LOG: "off",
      SANDBOX_SEED: env.SANDBOX_SEED,
    });
    // A refused port closes the sandbox; from here on, its one closer stops both.
    const served = await serveSandbox(sandbox, {
      port: port("SANDBOX_PORT", 4010),
      portName: "SANDBOX_PORT",
      hostname: host,
    });
    closers.unshift(() => served.close());
    mybot = { baseUrl: served.url, ...DEMO_CREDENTIAL };
    sandboxLine = `MyBOT sandbox     ${served.url}   (${sandbox.summary})`;
  }
  const mybotEnv = {
    MYBOT_BASE_URL: mybot.baseUrl,
    MYBOT_API_KEY: mybot.apiKey,
    MYBOT_CUSTOMER_ID: mybot.customerId,
    MYBOT_BOT_KEY: mybot.botKey,
  };

  // The Slack app, with a local stand-in for Slack's response_url that prints what Slack would show.
  const givenSecret = env.SLACK_SIGNING_SECRET;
  const demoSecret = givenSecret ?? crypto.randomUUID().replaceAll("-", "");
  const secretInShell: SigningSecretInShell = givenSecret
    ? { fromEnv: "SLACK_SIGNING_SECRET" }
    : { demo: demoSecret };
  const slackPort = port("SLACK_PORT", 3000);
  const slackConfig = loadSlackConfig({
    ...env,
    ...mybotEnv,
    PORT: String(slackPort),
    SLACK_SIGNING_SECRET: demoSecret,
    SLACK_ALLOWED_USERS: env.SLACK_ALLOWED_USERS ?? DEMO_SLACK_USER,
    SLACK_RESPONSE_URL_HOSTS: [env.SLACK_RESPONSE_URL_HOSTS, `${host}:${slackPort}`]
      .filter(Boolean)
      .join(","),
  });
  const bot = createSlackBot(slackConfig);
  closers.unshift(() => bot.idle());
  const slack = await serve({
    fetch: async (req) => {
      const path = new URL(req.url).pathname;
      if (req.method === "POST" && path.startsWith("/demo/response-url/")) {
        const reply = (await req.json()) as { text?: string };
        console.log(`[slack] Slack would show: ${reply.text}`);
        return new Response("ok");
      }
      return bot.fetch(req);
    },
    port: slackPort,
    portName: "SLACK_PORT",
    hostname: host,
  });
  closers.unshift(() => slack.close());
  const slackUrl = slack.url;

  // The exporter: its config file, or cohorts by channel and plan.
  const stateDir =
    env.MYBOT_EXPORTER_STATE_PATH ?? mkdtempSync(join(tmpdir(), "mybot-stack-exporter-"));
  let exporterConfig: ReturnType<typeof loadExporterConfig>;
  if (env.MYBOT_EXPORTER_CONFIG)
    exporterConfig = loadExporterConfig({
      ...env,
      ...mybotEnv,
      PORT: String(port("EXPORTER_PORT", 9464)),
    });
  else {
    const defaults = join(mkdtempSync(join(tmpdir(), "mybot-stack-")), "exporter.yaml");
    writeFileSync(
      defaults,
      `cohorts:\n  - { name: whatsapp, attribute_name: channel, attribute_value: whatsapp }\n  - { name: web, attribute_name: channel, attribute_value: web }\n  - { name: gold, attribute_name: plan, attribute_value: gold }\npoll_interval_seconds: 15\nbackfill: 30d\nstate_path: ${stateDir}\n`,
    );
    exporterConfig = loadExporterConfig({
      ...env,
      ...mybotEnv,
      MYBOT_EXPORTER_CONFIG: defaults,
      PORT: String(port("EXPORTER_PORT", 9464)),
    });
  }
  const exporter = createExporter(exporterConfig, {
    log: (line) => console.log(`[exporter] ${line}`),
  });
  closers.unshift(() => exporter.collector.stop()); // commits and closes the state it opened
  const metrics = await serve({
    fetch: exporter.app.fetch,
    port: exporterConfig.port,
    portName: "EXPORTER_PORT",
    hostname: host,
  });
  closers.unshift(() => metrics.close());
  exporter.collector.start();

  // The Older button of `history 919812345678 limit 1`: page 2 of the window pinned now. Its
  // value is signed with the app's secret (an HMAC, which does not reveal the secret).
  const olderValue = (await encodeButtonValue(demoSecret, {
    channelUserId: "919812345678",
    until: Date.now(),
    page: 2,
    limit: 1,
    public: false,
    channelId: DEMO_SLACK_CHANNEL,
  })) as string;
  const users = `${mybot.baseUrl}/bot-api/v1.0/customer/${mybot.customerId}/bot/${mybot.botKey}/users?attribute_name=plan&attribute_value=gold`;
  const history = `${mybot.baseUrl}/bot-api/v1.0/customer/${mybot.customerId}/bot/${mybot.botKey}/channel-user/919812345678/conversations?page_size=20`;
  const key = sandboxLine ? mybot.apiKey : "$MYBOT_API_KEY";
  console.log(
    [
      "",
      "MyBOT toolkit is running (Ctrl-C stops everything):",
      sandboxLine || `MyBOT             ${mybot.baseUrl}`,
      `Slack app         ${slackUrl}/slack/events   (command ${slackConfig.command}, ${givenSecret ? "signing secret from SLACK_SIGNING_SECRET" : `demo signing secret ${demoSecret}`})`,
      `Metrics exporter  ${metrics.url}/metrics   (/healthz, /readyz)`,
      sandboxLine
        ? `Demo credential   customer ${mybot.customerId}, bot ${mybot.botKey}, API key ${mybot.apiKey}`
        : "",
      "",
      "Try:",
      `  curl -H "Authorization: Basic ${key}" "${users}"`,
      `  curl -H "Authorization: Basic ${key}" "${history}"`,
      `  ${demoSlashCommand(slackUrl, secretInShell, "users plan=gold")}`,
      "  # the Older button of a one-message transcript, pressed (the page lands where Slack would show it):",
      `  ${demoBlockAction(slackUrl, secretInShell, ACTION_IDS.older, olderValue)}`,
      `  curl ${metrics.url}/metrics`,
      `  pnpm -s mybot users --attribute plan=gold --base-url ${mybot.baseUrl}${sandboxLine ? ` --api-key ${mybot.apiKey} --customer-id ${mybot.customerId} --bot-key ${mybot.botKey}` : ""}`,
      "",
      "READY",
    ]
      .filter((line, i, all) => line !== "" || all[i - 1] !== "")
      .join("\n"),
  );
} catch (error) {
  await closeQuietly(closers);
  // EnvError covers a port in use (PortInUseError), named by its variable.
  if (
    error instanceof SlackBotConfigError ||
    error instanceof ExporterConfigError ||
    error instanceof EnvError
  ) {
    console.error(`start: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

// One step per closer: onShutdown runs every step even after one fails, and reports the failure.
onShutdown([() => console.log("stopping…"), ...closers], { name: "start" });
