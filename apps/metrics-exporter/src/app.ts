/**
 * The exporter's HTTP side: `GET /metrics` (Prometheus text, or OpenMetrics when the scraper asks
 * for it), `GET /healthz` (the process answers) and `GET /readyz` (a poll has listed every
 * cohort's users once, even if some users' histories failed: those are metrics, not unreadiness).
 * Everything is served from memory; nothing here calls MyBOT.
 *
 * @module
 */
import { Hono } from "hono";
import { createRegistry, type MetricsSource } from "./metrics.ts";

export function createExporterApp(source: MetricsSource): Hono {
  const prometheus = createRegistry(source, "prometheus");
  const openMetrics = createRegistry(source, "openmetrics");
  const app = new Hono();
  app.get("/metrics", async (c) => {
    const registry = (c.req.header("accept") ?? "").includes("application/openmetrics-text")
      ? openMetrics
      : prometheus;
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType });
  });
  app.get("/healthz", (c) => c.text("ok\n"));
  app.get("/readyz", (c) =>
    source.status.lastSuccessfulPollAt === null
      ? c.text(
          "not ready: the cohorts' users have not all been listed from MyBOT and read once yet\n",
          503,
        )
      : c.text("ready\n"),
  );
  app.notFound((c) => c.text("not found: try /metrics, /healthz or /readyz\n", 404));
  return app;
}
