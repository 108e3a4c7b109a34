// One case of the fault suite (see ./run): load, fault, drain, counts. Prints its progress on stderr and one
// table row on stdout.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";

import { GATEWAY, registry } from "../registry.mjs";

const [fault, hexgate, state] = process.argv.slice(2);
// from the environment, not the arguments: a process list shows arguments to every user of the machine
const profileToken = process.env.FAULT_PROFILE_TOKEN;
const RATE = Number(process.env.FAULT_RATE ?? 400);
const DEVICES = Number(process.env.FAULT_DEVICES ?? 100);
const LOAD = Number(process.env.FAULT_SECONDS ?? 60) * 1000;
const AT = Number(process.env.FAULT_AT ?? 20) * 1000;
// PostgreSQL and Redis stay down 20 s (issue 16's drill), the others are restarted after 10 s
const DOWN = Number(process.env.FAULT_DOWN ?? (["postgres", "redis"].includes(fault) ? 20 : 10)) * 1000;
const log = (...args) => console.error(`[faults ${fault}]`, ...args);

const api = registry(profileToken);

// As the runner's superuser, without blocking the load generator's event loop. The counts are asked four times a
// second: through one psql session kept open (a psql process and a PostgreSQL backend started for each would cost
// the machine under test ~0.2 of a core); a new one when that session ended (PostgreSQL stopped: the fault itself).
const PG = ["-h", process.env.HEXGATE_PG_HOST ?? "127.0.0.1", "-p", process.env.HEXGATE_PG_PORT ?? "5432",
  "-U", process.env.HEXGATE_PG_SUPERUSER ?? "postgres", "-d", process.env.HEXGATE_PG_DATABASE ?? "hexgate",
  "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1"];
const DONE = "--psql-done--";
let session = null;
function psqlSession() {
  const child = spawn("psql", PG, {
    stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, PGPASSWORD: process.env.HEXGATE_PG_SUPERPASSWORD ?? "" },
  });
  const waiting = []; // [resolve, reject] of each query sent, in order
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    out += chunk;
    for (let end = out.indexOf(DONE + "\n"); end >= 0; end = out.indexOf(DONE + "\n")) {
      waiting.shift()[0](out.slice(0, end).trim());
      out = out.slice(end + DONE.length + 1);
    }
  });
  const ended = () => {
    if (session?.child === child) session = null;
    for (const [, reject] of waiting.splice(0)) reject(new Error("the psql session ended"));
  };
  child.on("exit", ended);
  child.on("error", ended);
  child.stdin.on("error", ended);
  return { child, waiting };
}
function psql(sql) {
  session ??= psqlSession();
  const { child, waiting } = session;
  return new Promise((resolve, reject) => {
    waiting.push([resolve, reject]);
    child.stdin.write(`${sql};\n\\echo ${DONE}\n`);
  });
}

// ---- set-up: a network, a connector and the devices, each with its token -----------------------------------
const run = Date.now().toString(36);
const network = (await api("POST", "/integration/network", { name: `faults ${run}` })).network;
const connector = (await api("POST", "/integration/connector", { name: `faults ${run}`, networks: [network] })).connector;
const devices = [];
for (let i = 0; i < DEVICES; i++) {
  const made = await api("POST", "/device", { name: `faults ${run} ${i}`, network, connector });
  devices.push({ id: made.device_id, token: made.token });
}
const ids = devices.map((d) => `'${d.id}'`).join(",");
const storedNow = async () => Number(await psql(`SELECT count(*) FROM data.points WHERE device IN (${ids})`));

// ---- the load: RATE uplinks/s spread over the devices, each uplink a sequence number and its own key ---------
const seen = { accepted: new Set(), statuses: {}, slow: 0, errors: 0, tooMany: 0, unavailableNoRetryAfter: 0 };
let inFlight = 0;
// [sent at, ms until answered or failed]: the cold start of a restarted service shows in the 20 s after its restart
const timings = [];
// node:http with kept-alive sockets, not fetch: the load generator shares the two cores with the system under test, and
// fetch (undici, WHATWG streams, an AbortSignal per request) cost it a third of a core at 400 requests/s
const agent = new http.Agent({ keepAlive: true });
const gateway = new URL(GATEWAY);
function send(device, seq) {
  const body = JSON.stringify([{ variable: "seq", value: seq }]);
  return new Promise((resolve, reject) => {
    const request = http.request({
      agent, host: gateway.hostname, port: gateway.port, path: "/data", method: "POST",
      headers: { "device-token": device.token, "content-type": "application/json", "idempotency-key": `s${seq}`,
        "content-length": Buffer.byteLength(body) },
    }, (response) => {
      response.resume(); // the body is not read, only drained
      response.on("end", () => resolve(response));
      response.on("error", reject);
    });
    request.setTimeout(15_000, () => request.destroy(new Error("no answer within 15 s")));
    request.on("error", reject);
    request.end(body);
  });
}
async function post(device, seq) {
  inFlight++;
  const started = Date.now();
  try {
    const response = await send(device, seq);
    const status = response.statusCode;
    seen.statuses[status] = (seen.statuses[status] ?? 0) + 1;
    if (status === 202) seen.accepted.add(seq);
    if (status === 429) seen.tooMany++;
    if (status === 503 && !response.headers["retry-after"]) seen.unavailableNoRetryAfter++;
  } catch (e) {
    seen.errors++;
  } finally {
    const took = Date.now() - started;
    if (took > 6000) seen.slow++;
    timings.push([started, took]);
    inFlight--;
  }
}

const before = await storedNow();
const t0 = Date.now();
const cpuAtStart = process.cpuUsage();
let seq = 0;
let faultAt = null, restartedAt = null, resumedAt = null, lastStored = before, stalledFrom = null, longestStall = 0;
let sampling = false;
const sampler = setInterval(async () => {
  if (sampling) return;
  sampling = true;
  // while PostgreSQL is the fault the count cannot be read: the stall goes on
  const now = await storedNow().catch(() => lastStored);
  sampling = false;
  const t = Date.now();
  if (now === lastStored) {
    stalledFrom ??= t;
  } else {
    if (stalledFrom !== null) longestStall = Math.max(longestStall, t - stalledFrom);
    stalledFrom = null;
    if (restartedAt !== null && resumedAt === null) resumedAt = t;
  }
  lastStored = now;
}, 250);

// each case names what it stops (the runner starts it again under that name); baseline stops nothing
const CASES = ["baseline", "kafka", "parser-worker", "ingest-service", "token-service", "network-service", "postgres", "redis"];
if (!CASES.includes(fault)) throw new Error(`unknown case ${fault}: ${CASES.join(", ")}`);
const victim = fault === "baseline" ? null : fault;
// what the services log about the fault: their four logs, from the fault to the end of the drain
const SERVICES = ["network-service", "token-service", "ingest-service", "parser-worker"];
const logText = () => SERVICES.map((service) => readFileSync(`${state}/logs/${service}.log`, "utf8"));
let logsBefore = null;

function kill() {
  if (victim === "postgres") { // the machine's cluster, stopped (fast: open connections are cut)
    const version = readdirSync("/etc/postgresql").sort((a, b) => Number(a) - Number(b)).pop();
    execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "stop", "-m", "fast"]);
    return;
  }
  if (victim === "redis") {
    execFileSync("redis-cli", ["-p", process.env.HEXGATE_REDIS_PORT ?? "6379", "shutdown", "nosave"]);
    return;
  }
  const pid = readFileSync(`${state}/pids/${victim}.pid`, "utf8").trim();
  process.kill(-Number(pid), "SIGKILL"); // the service's process group (setsid)
}
function restart() {
  return new Promise((resolve) => spawn(hexgate, ["restart", victim], { stdio: ["ignore", "ignore", "ignore"] }).on("exit", resolve));
}

const interval = 1000 / RATE;
let next = Date.now();
let restarting = null;
while (Date.now() - t0 < LOAD) {
  const t = Date.now() - t0;
  if (victim && faultAt === null && t >= AT) {
    logsBefore = logText().map((text) => text.length);
    kill();
    faultAt = Date.now();
    log(`killed ${victim} at ${(t / 1000).toFixed(1)} s`);
  }
  if (faultAt !== null && restarting === null && Date.now() - faultAt >= DOWN) {
    restartedAt = Date.now();
    log(`restarting ${victim}`);
    restarting = restart().then(() => log(`${victim} ready ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after its restart began`));
  }
  const s = seq++;
  post(devices[s % DEVICES], s);
  next += interval;
  const wait = next - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
while (inFlight > 0) await new Promise((r) => setTimeout(r, 100));
{ // what the load generator took of the machine it shares with the system under test
  const { user, system } = process.cpuUsage(cpuAtStart);
  log(`the load generator used ${((user + system) / 1e6).toFixed(1)} CPU-s in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
if (restarting) await restarting;
// drain: until the stored count stands still for 10 s
let stable = 0;
for (let last = -1; stable < 10;) {
  await new Promise((r) => setTimeout(r, 1000));
  const now = await storedNow();
  stable = now === last ? stable + 1 : 0;
  last = now;
}
clearInterval(sampler);
let logLines = "-";
if (logsBefore) {
  const added = logText().map((text, i) => text.slice(logsBefore[i]));
  logLines = SERVICES.map((service, i) => `${service.split("-")[0]} ${added[i].split("\n").length - 1}`).join(", ");
  const stacks = added.map((text) => text.split("\n").filter((line) => /^\s+at /.test(line)).length);
  log(`stack-trace lines logged: ${SERVICES.map((service, i) => `${service} ${stacks[i]}`).join(", ")}; `
    + `"Result is already complete": ${added.join("").split("Result is already complete").length - 1}`);
}
const stored = Number(await psql(`SELECT count(*) FROM data.points WHERE device IN (${ids})`)) - before;
const storedSeqs = new Set((await psql(`SELECT DISTINCT value_number FROM data.points WHERE device IN (${ids}) AND variable = 'seq'`))
  .split("\n").filter((line) => line !== "").map(Number));
const distinct = storedSeqs.size;
const lost = [...seen.accepted].filter((s) => !storedSeqs.has(s)).length;
const duplicated = stored - distinct;
// stored though the device was told otherwise (a timeout, an error): with the same Idempotency-Key, a retry stores nothing twice
const storedUnanswered = [...storedSeqs].filter((s) => !seen.accepted.has(s)).length;
const statuses = Object.entries(seen.statuses).map(([k, v]) => `${k}×${v}`).join(" ");
const resumed = resumedAt && restartedAt ? ((resumedAt - restartedAt) / 1000).toFixed(1) + " s" : "-";
const afterRestart = restartedAt === null ? []
  : timings.filter(([at]) => at >= restartedAt && at < restartedAt + 20_000).map(([, took]) => took).sort((a, b) => a - b);
if (restartedAt !== null) { // per second after the restart: how the answers came back
  const buckets = new Map();
  for (const [at, took] of timings) {
    const second = Math.floor((at - restartedAt) / 1000);
    if (second >= 0 && second < 20) buckets.set(second, [...(buckets.get(second) ?? []), took]);
  }
  log("after the restart, per second sent: " + [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([second, all]) => {
    all.sort((a, b) => a - b);
    return `${second}s ${all[Math.floor(all.length / 2)]}/${all[Math.floor(all.length * 0.99)]} ms`;
  }).join(", ") + " (p50/p99)");
}
const cold = afterRestart.length === 0 ? "-"
  : `p50 ${afterRestart[Math.floor(afterRestart.length * 0.5)]} ms, p99 ${afterRestart[Math.floor(afterRestart.length * 0.99)]} ms, `
    + `${afterRestart.filter((took) => took > 1000).length} over 1 s`;
const row = `| ${fault} | ${seq} | ${seen.accepted.size} | ${stored} | ${lost} | ${duplicated} | ${storedUnanswered} | ${statuses} | ${seen.errors} | ${seen.slow} | ${seen.tooMany} | ${seen.unavailableNoRetryAfter} | ${(longestStall / 1000).toFixed(1)} s | ${resumed} | ${cold} | ${logLines} |`;
log("sent | accepted | stored | lost | duplicated | stored though not answered 202 | statuses | no answer | over 6 s | 429 | 503 without Retry-After | longest stall of storing | storing resumed after restart | answers in the 20 s after the restart | lines the services logged");
console.log(row);
// what kept the event loop alive: the kept-alive sockets and the psql session
agent.destroy();
session?.child.stdin.end();
