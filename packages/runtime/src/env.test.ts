import { describe, expect, it } from "vitest";
import { EnvError, hostFromEnv, parsePort, portFromEnv } from "./env.ts";

describe("hostFromEnv", () => {
  it("is loopback unless HOST says otherwise", () => {
    expect(hostFromEnv({})).toBe("127.0.0.1");
    expect(hostFromEnv({ HOST: "" })).toBe("127.0.0.1");
    expect(hostFromEnv({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
  });
});

describe("PORT", () => {
  it("reads 0 to 65535, the fallback when unset or empty", () => {
    expect(portFromEnv({ PORT: "8080" }, 4010)).toBe(8080);
    expect(portFromEnv({ PORT: "0" }, 4010)).toBe(0);
    expect(portFromEnv({ PORT: "65535" }, 4010)).toBe(65535);
    expect(portFromEnv({}, 4010)).toBe(4010);
    expect(portFromEnv({ PORT: "" }, 4010)).toBe(4010);
    expect(portFromEnv({ EXPORTER_PORT: "9464" }, 1, "EXPORTER_PORT")).toBe(9464);
  });

  it.each(["eighty", "65536", "-1", "80.5", " 80", "0x50", "1e3", "800000"])(
    "refuses %j in one sentence naming the variable",
    (text) => {
      expect(() => portFromEnv({ PORT: text }, 4010)).toThrow(
        new EnvError(
          `PORT: ${JSON.stringify(text)} is not a port number: give a whole number from 0 to 65535`,
        ),
      );
      expect(parsePort(text)).toBeUndefined();
    },
  );

  it("throws the app's own error when it passes one", () => {
    class AppError extends Error {}
    const fail = (message: string): never => {
      throw new AppError(message);
    };
    expect(() => portFromEnv({ SLACK_PORT: "x" }, 3000, "SLACK_PORT", fail)).toThrow(AppError);
  });
});
