// Starts a server process the way its users do and waits for its start-up line. The process
// runs in its own process group, and stop() ends the whole group, so that nothing outlives the
// test or benchmark that started it.
import { spawn } from "node:child_process";

const running = new Set();
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child, signal) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {RegExp} ready the first capture group is the URL
 * @param {{ cwd?: string, timeoutMs?: number }} [options]
 */
export function startService(command, args, env, ready, options = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", () => resolve()));
  exited.then(() => running.delete(child));
  const stop = async (signal = "SIGTERM") => {
    killGroup(child, signal);
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const url = ready.exec(output)?.[1];
      if (url) resolve({ url, child, output: () => output, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
    setTimeout(() => {
      reject(new Error(`${command} did not start in time:\n${output}`));
      void stop("SIGKILL");
    }, options.timeoutMs ?? 30_000);
  });
}
