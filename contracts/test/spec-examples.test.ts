/** Every example of the spec validates strictly against its own schema (see spec-examples.ts). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SPEC_PATH } from "./pact-files.ts";
import { examplesOf, invalidExamples } from "./spec-examples.ts";

type Json = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Json;

describe("the spec's examples", () => {
  it("are many: every response and parameter example is checked", () => {
    expect(examplesOf(spec).length).toBeGreaterThanOrEqual(20);
  });

  it("all validate strictly against their own schemas", () => {
    expect(invalidExamples(spec)).toEqual([]);
  });

  it("fail the check when YAML splits a value into an extra key", () => {
    const broken = parse(`
paths: {}
components:
  schemas:
    ErrorBody:
      type: object
      required: [errorCode, errorMessage, errorDetails]
      properties:
        errorCode: { type: integer }
        errorMessage: { type: string }
        errorDetails: { type: string }
      additionalProperties: true
  responses:
    Unauthorized:
      description: x
      content:
        application/json:
          schema: { $ref: "#/components/schemas/ErrorBody" }
          examples:
            unauthorized:
              value:
                {
                  errorCode: 401,
                  errorMessage: UNAUTHORIZED,
                  errorDetails: The API key is missing,
                  invalid or revoked.,
                }
`) as Json;
    expect(invalidExamples(broken).join("\n")).toMatch(
      /Unauthorized\/content\/application~1json\/examples\/unauthorized|unauthorized.*must NOT have unevaluated properties.*invalid or revoked/s,
    );
  });

  it("fail the check when a value has the wrong type", () => {
    const copy = structuredClone(spec);
    // biome-ignore lint/suspicious/noExplicitAny: a deep path into parsed YAML
    const paths = (copy as any).paths;
    const history =
      paths[
        "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations"
      ];
    const observed =
      history.get.responses["200"].content["application/json"].examples.observed.value;
    observed.conversations[0].timestamp = "yesterday";
    expect(invalidExamples(copy).join("\n")).toMatch(
      /examples\/observed\/conversations\/0\/timestamp/,
    );
  });
});
