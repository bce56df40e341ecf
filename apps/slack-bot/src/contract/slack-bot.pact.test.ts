/**
 * The `mybot-slack-bot` pact: what the Slack app asks of MyBOT, driven through the app itself
 * (a signed slash command in, the reply posted to response_url out), with the real @mybot/core
 * client talking to Pact's mock server.
 */

import {
  ASHA,
  authHeader,
  consumerPact,
  goldUsers,
  historyBody,
  jsonHeader as json,
  messageLike,
  PACT_CREDENTIAL,
  PREFIX,
  pinnedEndDate,
  unknownUserHistory,
} from "@mybot/test-kit/pact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_USER, botEnv, slashCommand, startCapture } from "../../test/harness.ts";
import { createSlackBot } from "../app.ts";
import { loadConfig } from "../config.ts";

const pact = consumerPact("mybot-slack-bot");
const KEY = PACT_CREDENTIAL.apiKey;
const auth = authHeader();
/** The window's end the client pins at each lookup (epoch ms, so it varies). */

let capture: Awaited<ReturnType<typeof startCapture>>;
beforeAll(async () => {
  capture = await startCapture();
});
afterAll(() => capture.close());

async function command(mockUrl: string, text: string) {
  const bot = createSlackBot(loadConfig({ ...botEnv(mockUrl, capture.host), MYBOT_API_KEY: KEY }), {
    log: () => {},
  });
  const { request, hookPath } = await slashCommand("http://slack-bot.test/slack/events", text, {
    captureHost: capture.host,
    user: ALLOWED_USER,
  });
  expect((await bot.fetch(request)).status).toBe(200);
  await bot.idle();
  return capture.postTo(hookPath);
}

describe("mybot-slack-bot", () => {
  it("looks up users by attribute", () =>
    goldUsers(pact, "a Slack lookup of the users on plan gold").executeTest(async (mock) => {
      expect((await command(mock.url, "users plan=gold")).text).toBe("1 user with plan=gold");
    }));

  it("reads the newest messages", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a Slack lookup of a user's newest 20 messages")
      .withRequest("GET", `${PREFIX}/channel-user/${ASHA.channelUserId}/conversations`, (b) =>
        b.query({ end_date: pinnedEndDate, page_number: "1", page_size: "20" }).headers(auth),
      )
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody(historyBody(messageLike(ASHA.start, "user", "hi"))),
      )
      .executeTest(async (mock) => {
        expect((await command(mock.url, `history ${ASHA.channelUserId}`)).text).toMatch(
          /^Chat history of 919812345678: /,
        );
      }));

  it("reports an unknown user in a sentence", () =>
    unknownUserHistory(pact, "a Slack lookup of the transcript of a user who does not exist", {
      end_date: pinnedEndDate,
      page_number: "1",
      page_size: "20",
    }).executeTest(async (mock) => {
      expect((await command(mock.url, "history nobody-here")).text).toContain(
        "MyBOT does not know that user",
      );
    }));
});
