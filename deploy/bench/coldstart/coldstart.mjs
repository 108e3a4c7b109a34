// See ./run. Prints progress on stderr and the table on stdout.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";

import { GATEWAY, registry } from "../registry.mjs";

const [hexgate, state] = process.argv.slice(2);
const profileToken = process.env.COLD_PROFILE_TOKEN; // from the environment: a process list shows arguments
const RATE = Number(process.env.COLD_RATE ?? 200);
const SECONDS = Number(process.env.COLD_SECONDS ?? 10);
const ROUNDS = Number(process.env.COLD_ROUNDS ?? 3);
const DEVICES = Number(process.env.COLD_DEVICES ?? 50);
const WARM_UP = Number(process.env.COLD_WARM_UP ?? 4000);
const log = (...args) => console.error("[coldstart]", ...args);

const api = registry(profileToken);

const run = Date.now().toString(36);
const network = (await api("POST", "/integration/network", { name: `coldstart ${run}` })).network;
const connector = (await api("POST", "/integration/connector", { name: `coldstart ${run}`, networks: [network] })).connector;
const devices = [];
for (let i = 0; i < DEVICES; i++) {
  devices.push((await api("POST", "/device", { name: `coldstart ${run} ${i}`, network, connector })).token);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(token) {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(`${GATEWAY}/data`, {
      method: "POST", agent, headers: { token, "content-type": "application/json" },
    }, (response) => {
      response.resume();
      response.on("end", () => resolve([response.statusCode, performance.now() - started]));
    });
    request.setTimeout(15_000, () => request.destroy(new Error("no answer within 15 s")));
    request.on("error", () => resolve([0, performance.now() - started]));
    request.end('{"variable":"payload","value":"0109611395a00b1c000000ff"}');
  });
}

/** RATE uplinks/s for SECONDS, round-robin over the devices (each under its 5/s limit at the defaults). */
async function load() {
  const answers = [];
  const interval = 1000 / RATE;
  const t0 = performance.now();
  for (let n = 0; n < RATE * SECONDS; n++) {
    const wait = t0 + n * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(post(devices[n % DEVICES]));
  }
  return Promise.all(answers);
}

function restart(requests) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    spawn(hexgate, ["restart", "ingest-service"], {
      stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, HEXGATE_WARM_UP_REQUESTS: String(requests) },
    }).on("exit", (code) => code === 0 ? resolve(performance.now() - started) : reject(new Error(`restart: ${code}`)));
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
const ms = (value) => value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
function row(name, readyAfter, answers) {
  const took = answers.map(([, t]) => t).sort((a, b) => a - b);
  const statuses = {};
  for (const [status] of answers) statuses[status] = (statuses[status] ?? 0) + 1;
  const figures = { p50: quantile(took, 0.5), p99: quantile(took, 0.99), max: took[took.length - 1] };
  const line = `| ${name} | ${readyAfter === null ? "–" : (readyAfter / 1000).toFixed(1) + " s"} | ${ms(figures.p50)} | `
    + `${ms(figures.p99)} | ${ms(figures.max)} | ${took.filter((t) => t > 1000).length} | `
    + `${Object.entries(statuses).map(([s, n]) => `${s} × ${n}`).join(", ")} |`;
  log(line);
  return { line, ...figures };
}

// the rest of the stack first (token-service's look-ups of these devices, Kafka, the gateway): the rounds then
// differ only in ingest-service's own start (the first run of this script had its first round pay for them too)
log("warming the rest of the stack with one load pass");
await load();

const rows = { on: [], off: [] };
const lines = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const mode of round % 2 ? ["off", "on"] : ["on", "off"]) { // alternating: the machine's drift hits both
    const readyAfter = await restart(mode === "on" ? WARM_UP : 0);
    const result = row(`cold, warm-up ${mode === "on" ? WARM_UP : "off"} (round ${round})`, readyAfter, await load());
    rows[mode].push(result);
    lines.push(result.line);
  }
}
const warm = row("warm (the ceiling)", null, await load());
lines.push(warm.line);

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
console.log(`ingest-service after a restart, from ready, ${RATE} uplinks/s for ${SECONDS} s over ${DEVICES} devices, `
  + `through the gateway (${new Date().toISOString()}):\n`);
console.log("| round | restart to ready | p50 | p99 | max | over 1 s | statuses |\n|---|---|---|---|---|---|---|");
for (const line of lines) console.log(line);
for (const q of ["p50", "p99", "max"]) {
  const off = median(rows.off.map((r) => r[q])), on = median(rows.on.map((r) => r[q]));
  console.log(`\nmedian ${q}: warm-up off ${ms(off)}, on ${ms(on)} (off/on ${(off / on).toFixed(2)}×); warm ${ms(warm[q])}`);
}
const lastWarmUp = readFileSync(`${state}/logs/ingest-service.log`, "utf8").split("\n").filter((l) => l.includes("warm-up ")).pop();
if (lastWarmUp) console.log(`\nlast warm-up: ${lastWarmUp.replace(/^.*warm-up /, "warm-up ")}`);
