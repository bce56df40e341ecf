/**
 * The admin API, under `/__admin` and its own bearer token (`SANDBOX_ADMIN_TOKEN`), never
 * reachable with an API key: keys, users, messages, reset, faults, the history shape and
 * ground-truth stats.
 * Pact provider states and the end-to-end tests drive the sandbox through it.
 *
 * @module
 */
import { Hono } from "hono";
import { type Fault, type FaultTable, parseFault } from "./faults.ts";
import { mergeShape, ShapeError, type ShapeSetting } from "./history-shape.ts";
import { loadSeed, parseSeed, SeedError, toStoredMessages } from "./seed.ts";
import type { SandboxStore } from "./store/store.ts";

function sameSecret(a: string, b: string): boolean {
  // Length-independent timing: compare every char of the longer string.
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** A key in the format the vendor's public samples show: a UUID, `-`, seven letters and digits. */
export function newApiKey(): string {
  const suffix = crypto.randomUUID().replaceAll("-", "").slice(0, 7).toUpperCase();
  return `${crypto.randomUUID()}-${suffix}`;
}

const bad = (message: string) => Response.json({ error: message }, { status: 400 });

async function body(req: Request): Promise<Record<string, unknown> | Response> {
  try {
    const value = await req.json();
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return bad("the body must be a JSON object");
    return value as Record<string, unknown>;
  } catch {
    return bad("the body must be JSON");
  }
}

/**
 * @example
 * ```ts
 * app.route("/__admin", createAdminRoutes(store, faults, process.env.SANDBOX_ADMIN_TOKEN, shape));
 * ```
 */
export function createAdminRoutes(
  store: SandboxStore,
  faults: FaultTable,
  token: string | undefined,
  shape: ShapeSetting,
): Hono {
  const admin = new Hono();

  admin.use("*", async (c, next) => {
    if (!token)
      return c.json({ error: "the admin API is off; set SANDBOX_ADMIN_TOKEN to turn it on" }, 404);
    const given = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    if (!sameSecret(given, token)) return c.json({ error: "admin token missing or wrong" }, 401);
    return next();
  });

  // Data and faults only: the shape stays as configured, like the rest of the start-up settings.
  admin.post("/reset", (c) => {
    store.reset();
    faults.clear();
    return c.json({ ok: true });
  });

  admin.post("/seed", async (c) => {
    const json = await body(c.req.raw);
    if (json instanceof Response) return json;
    try {
      return c.json(loadSeed(store, parseSeed(json)));
    } catch (error) {
      if (error instanceof SeedError) return bad(error.message);
      throw error;
    }
  });

  admin.post("/keys", async (c) => {
    const json = await body(c.req.raw);
    if (json instanceof Response) return json;
    const { customerId, botKey, key } = json;
    if (typeof customerId !== "string" || !customerId || typeof botKey !== "string" || !botKey) {
      return bad("customerId and botKey are required strings");
    }
    if (key !== undefined && (typeof key !== "string" || !/^\S+$/.test(key)))
      return bad("key must be a string without spaces");
    const created = (key as string | undefined) ?? newApiKey();
    store.putKey({ key: created, customerId, botKey, status: "active" });
    return c.json({ key: created, customerId, botKey, status: "active" }, 201);
  });

  admin.post("/keys/:key/revoke", (c) => {
    if (!store.setKeyStatus(c.req.param("key"), "revoked"))
      return c.json({ error: "no such key" }, 404);
    return c.json({ status: "revoked" });
  });

  admin.post("/keys/:key/regenerate", (c) => {
    const old = store.findKey(c.req.param("key"));
    if (!old) return c.json({ error: "no such key" }, 404);
    const key = newApiKey();
    store.batch(() => {
      store.setKeyStatus(old.key, "replaced");
      store.putKey({ key, customerId: old.customerId, botKey: old.botKey, status: "active" });
    });
    return c.json({ key, replaced: old.key }, 201);
  });

  const userPath = "/customers/:customerId/bots/:botKey/users/:channelUserId";

  admin.put(userPath, async (c) => {
    const json = await body(c.req.raw);
    if (json instanceof Response) return json;
    const { customerId, botKey, channelUserId } = c.req.param();
    try {
      const seed = parseSeed({
        customers: [{ customerId, bots: [{ botKey, users: [{ ...json, channelUserId }] }] }],
      });
      return c.json(loadSeed(store, seed));
    } catch (error) {
      if (error instanceof SeedError)
        return bad(error.message.replace("$.customers[0].bots[0].users[0]", "body"));
      throw error;
    }
  });

  admin.post(`${userPath}/messages`, async (c) => {
    const json = await body(c.req.raw);
    if (json instanceof Response) return json;
    const { customerId, botKey, channelUserId } = c.req.param();
    const user = store.getUser(customerId, botKey, channelUserId);
    if (!user) return c.json({ error: "no such user; PUT it first" }, 404);
    try {
      const seed = parseSeed({
        customers: [
          { customerId, bots: [{ botKey, users: [{ ...user, messages: json.messages }] }] },
        ],
      });
      const messages = toStoredMessages(
        customerId,
        botKey,
        channelUserId,
        seed.customers[0]?.bots[0]?.users?.[0]?.messages ?? [],
      );
      return c.json({ added: store.appendMessages(customerId, botKey, channelUserId, messages) });
    } catch (error) {
      if (error instanceof SeedError)
        return bad(error.message.replace("$.customers[0].bots[0].users[0]", "body"));
      throw error;
    }
  });

  admin.get("/customers/:customerId/bots/:botKey/stats", (c) => {
    const { customerId, botKey } = c.req.param();
    const name = c.req.query("attribute_name");
    const value = c.req.query("attribute_value");
    return c.json(store.stats(customerId, botKey, name && value ? { name, value } : undefined));
  });

  admin.get("/shape", (c) => c.json(shape.get()));
  admin.put("/shape", async (c) => {
    const json = await body(c.req.raw);
    if (json instanceof Response) return json;
    try {
      shape.set(mergeShape(shape.get(), json));
    } catch (error) {
      if (error instanceof ShapeError) return bad(error.message);
      throw error;
    }
    return c.json(shape.get());
  });

  admin.get("/faults", (c) => c.json({ faults: faults.list() }));
  admin.put("/faults", async (c) => {
    const json = await body(c.req.raw);
    if (json instanceof Response) return json;
    let parsed: Fault[];
    try {
      if (!Array.isArray(json.faults)) throw new Error("faults: must be an array");
      parsed = json.faults.map(parseFault);
    } catch (error) {
      return bad((error as Error).message);
    }
    faults.set(parsed);
    return c.json({ faults: faults.list() });
  });
  admin.delete("/faults", (c) => {
    faults.clear();
    return c.json({ faults: [] });
  });

  return admin;
}
