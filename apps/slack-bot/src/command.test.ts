import { parseTime } from "@mybot/runtime";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectAsReference } from "../test/reference-property.ts";
import { formatHistoryCommand, parseCommand, tokenize } from "./command.ts";

const NOW = Date.UTC(2024, 0, 31, 12);

describe("parseCommand", () => {
  it.each([
    ["", { kind: "help" }],
    ["help", { kind: "help" }],
    [
      "users plan=gold",
      { kind: "users", attributeName: "plan", attributeValue: "gold", public: false },
    ],
    [
      'users name="Asha Rao"',
      { kind: "users", attributeName: "name", attributeValue: "Asha Rao", public: false },
    ],
    [
      'users "full name"="Asha \\"A\\" Rao" public',
      { kind: "users", attributeName: "full name", attributeValue: 'Asha "A" Rao', public: true },
    ],
    [
      "users email=a=b@x.io",
      { kind: "users", attributeName: "email", attributeValue: "a=b@x.io", public: false },
    ],
    [
      "history 919812345678",
      { kind: "history", channelUserId: "919812345678", page: 1, limit: 20, public: false },
    ],
    [
      "history +44770 since 7d until 2024-01-31 page 3 limit 50",
      {
        kind: "history",
        channelUserId: "+44770",
        since: NOW - 7 * 86_400_000,
        until: Date.UTC(2024, 0, 31),
        page: 3,
        limit: 50,
        public: false,
      },
    ],
    [
      "HISTORY u since 24h",
      {
        kind: "history",
        channelUserId: "u",
        since: NOW - 86_400_000,
        page: 1,
        limit: 20,
        public: false,
      },
    ],
    ["user +91 98123 45678", { kind: "user", channelUserId: "919812345678", public: false }],
    ["user 0091-98123-45678 public", { kind: "user", channelUserId: "919812345678", public: true }],
    ["USER web-visitor-42", { kind: "user", channelUserId: "web-visitor-42", public: false }],
    ['user "web visitor 42"', { kind: "user", channelUserId: "web visitor 42", public: false }],
  ])("reads %j", (text, expected) => {
    expect(parseCommand(text, NOW)).toEqual(expected);
  });

  it.each([
    ["users", "The attribute is missing"],
    ["users plan", "`plan` is not one attribute=value pair"],
    ["users =gold", "is not one attribute=value pair"],
    ["users plan= ", "is not one attribute=value pair"],
    ["users plan=gold extra", "is not one attribute=value pair"],
    ['users name="Asha', "A quote is not closed"],
    ["history", "The user id is missing"],
    ["history u since", "`since` needs a value"],
    [
      "history u since yesterday",
      "`since yesterday`: give a duration like 7d or 24h, or a date like 2024-01-31",
    ],
    ["history u page 0", "`page 0`: page must be a whole number from 1"],
    ["history u limit 500", "`limit 500`: limit must be a whole number from 1 to 100"],
    ["history u colour red", "`colour` is not an option of history"],
    ["history u since 2024-02-01 until 2024-01-01", "`since` must be before `until`"],
    ["user", "The user id or phone number is missing"],
    ["user web visitor", "`web visitor` is not one user id or phone number"],
    ["delete everything", "`delete` is not a command"],
  ])("points at the mistake in %j", (text, message) => {
    const command = parseCommand(text, NOW);
    expect(command.kind).toBe("invalid");
    expect(command.kind === "invalid" && command.message).toContain(message);
    expect(command.kind === "invalid" && command.message).toMatch(/usage:|commands:/);
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const command = parseCommand(text, NOW);
        expect(["help", "users", "history", "user", "invalid"]).toContain(command.kind);
        if (command.kind === "history") expect(command.limit).toBeLessThanOrEqual(100);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom("users", "history", "help", "HISTORY", "user"),
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom("since", "until", "page", "limit", "7d", "0", "-1", '"', "=", "public"),
          ),
          { maxLength: 8 },
        ),
        (verb, args) => {
          const command = parseCommand([verb, ...args].join(" "), NOW);
          expect(["help", "users", "history", "user", "invalid"]).toContain(command.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("parseTime", () => {
  it("reads durations and dates, in UTC", () => {
    expect(parseTime("30m", NOW)).toBe(NOW - 1_800_000);
    expect(parseTime("2w", NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseTime("2024-01-01", NOW)).toBe(Date.UTC(2024, 0, 1));
    expect(parseTime("2024-01-01T10:00", NOW)).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseTime("2024-01-01T10:00+02:00", NOW)).toBe(Date.UTC(2024, 0, 1, 8));
    expect(parseTime("2024-13-45", NOW)).toBeUndefined();
    expect(parseTime("soon", NOW)).toBeUndefined();
  });
  it("tokenizes quotes", () => {
    expect(tokenize('a "b c" d')).toEqual(["a", "b c", "d"]);
    expect(tokenize('a ""')).toEqual(["a", ""]);
    expect(tokenize('"open')).toBeUndefined();
  });
});

describe("formatHistoryCommand", () => {
  it("writes a paging command with the window pinned to the millisecond", () => {
    const until = Date.UTC(2024, 0, 31, 9, 30, 15, 250);
    const text = formatHistoryCommand({ channelUserId: "919812345678", until, page: 2, limit: 20 });
    expect(text).toBe("history 919812345678 until 2024-01-31T09:30:15.250Z page 2");
    expect(parseTime("2024-01-31T09:30:15.250Z", NOW)).toBe(until);
  });

  it("is read back to the same command, whatever the id and times", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id.toLowerCase() !== "public"),
        fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 4_102_444_800_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        (channelUserId, since, until, page, limit) => {
          fc.pre(since === undefined || since < until);
          const command = { channelUserId, since, until, page, limit };
          const parsed = parseCommand(formatHistoryCommand(command), NOW);
          expect(parsed).toEqual({
            kind: "history",
            ...command,
            ...(since === undefined ? {} : { since }),
            public: false,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("a mistake's sentence", () => {
  it("quotes what was typed escaped, in one code span, and short enough to keep the usage line", () => {
    const ping = parseCommand("users <!channel> now", NOW);
    expect(ping.kind === "invalid" && ping.message).toContain("`&lt;!channel&gt; now` is not");
    const tick = parseCommand("history u colour` *red*", NOW);
    expect(tick.kind === "invalid" && tick.message).toContain("`colourˋ` is not an option");
    const verb = parseCommand("<@U1>&co", NOW);
    expect(verb.kind === "invalid" && verb.message).toContain(
      "`&lt;@U1&gt;&amp;co` is not a command",
    );
    const long = parseCommand(`history u since ${"9".repeat(3900)}`, NOW);
    expect(long.kind).toBe("invalid");
    const message = long.kind === "invalid" ? long.message : "";
    expect(message.length).toBeLessThan(400);
    expect(message).toMatch(/^`since 9+…`: give a duration/);
    expect(message).toContain("usage:");
  });
});

/** The tokenizer as it was first written, a character at a time: the reference. */
function referenceTokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  let current = "";
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === "\\" && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') {
      quoted = true;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) tokens.push(current);
      current = "";
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quoted) return undefined;
  if (started) tokens.push(current);
  return tokens;
}

describe("tokenize, in slices", () => {
  it("splits exactly as the character-at-a-time reference", () => {
    const piece = fc.oneof(
      fc.constantFrom('"', "\\", '\\"', " ", "\t", "\n", "\u00a0", "\u3000", "a", "=", "é", "😀"),
      fc.string({ maxLength: 3 }),
    );
    expectAsReference(piece, 30, tokenize, referenceTokenize);
  });
  it("treats as a space exactly what /\\s/ does", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '"') continue;
      expect(tokenize(`a${ch}b`)?.length, `U+${c.toString(16)}`).toBe(/\s/.test(ch) ? 2 : 1);
    }
  });
});

describe("a command far longer than anyone types", () => {
  it("is refused with a sentence before it is split into words", () => {
    const command = parseCommand(`history u since ${"a\n".repeat(100_000)}`, NOW);
    expect(command.kind).toBe("invalid");
    expect(command.kind === "invalid" && command.message).toMatch(
      /^The command is too long \(200016 characters; at most 4000\)\. commands:/,
    );
  });
});
