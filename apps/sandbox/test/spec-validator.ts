/**
 * Checks responses against contracts/openapi/mybot.yaml with openapi-backend's response
 * validator (Ajv underneath): the status must be documented for the operation, and the body
 * and headers must match the schema. The document itself is linted as OpenAPI 3.1 by Redocly.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { OpenAPIBackend } from "openapi-backend";

export const SPEC_PATH = fileURLToPath(
  new URL("../../../contracts/openapi/mybot.yaml", import.meta.url),
);

/** Which operation a sandbox path belongs to. */
export function operationOf(path: string): "getMatchingUsers" | "getChatHistory" | undefined {
  if (
    /^\/bot-api\/v1\.0\/customer\/[^/]+\/bot\/[^/]+\/channel-user\/[^/]+\/conversations$/.test(path)
  )
    return "getChatHistory";
  if (/^\/bot-api\/v1\.0\/customer\/[^/]+\/bot\/[^/]+\/users$/.test(path))
    return "getMatchingUsers";
  return undefined;
}

/** A validator bound to the spec. */
export async function createSpecValidator() {
  // `quick` skips openapi-backend's own OpenAPI 3.0 meta-validation of the document (it
  // predates 3.1); the document is linted as 3.1 by Redocly in `pnpm lint`.
  const api = new OpenAPIBackend({ definition: SPEC_PATH, quick: true });
  await api.init();
  const definition = api.definition as unknown as {
    paths: Record<string, { get: { operationId: string; responses: Record<string, unknown> } }>;
  };
  const documented = new Map(
    Object.values(definition.paths).map((p) => [p.get.operationId, Object.keys(p.get.responses)]),
  );

  return {
    /** Problems with one response; empty when it follows the spec. */
    problems(operationId: string, status: number, body: unknown, headers: Headers): string[] {
      const out: string[] = [];
      if (!documented.get(operationId)?.includes(String(status)))
        out.push(`${operationId}: status ${status} is not documented`);
      if (!/^application\/json/.test(headers.get("content-type") ?? ""))
        out.push(`${operationId}: content-type is ${headers.get("content-type")}`);
      const result = api.validator.validateResponse(body, operationId, status);
      if (!result.valid) out.push(`${operationId} ${status}: ${JSON.stringify(result.errors)}`);
      const headerResult = api.validator.validateResponseHeaders(
        Object.fromEntries(headers),
        operationId,
        { statusCode: status },
      );
      if (!headerResult.valid)
        out.push(`${operationId} ${status} headers: ${JSON.stringify(headerResult.errors)}`);
      return out;
    },
  };
}
