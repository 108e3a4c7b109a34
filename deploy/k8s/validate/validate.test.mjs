// The manifests of deploy/k8s render and validate, and the validator rejects a deliberately broken overlay with
// exactly the problems planted in it (fixtures/broken). Run by `deploy/local/hexgate test` (node --test).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { parse } from "yaml";

import { check, checkCompose, gatewayRoutes, validate, validateCompose } from "./validate.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const COMPOSE = join(HERE, "..", "..", "compose");

for (const overlay of ["dev", "prod"]) {
  test(`the ${overlay} overlay renders and every object is valid`, async () => {
    const { objects, problems } = await check(join(HERE, "..", "overlays", overlay));
    assert.deepEqual(problems, []);
    const kinds = objects.map((o) => o.kind);
    for (const kind of ["Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy",
      "Ingress", "HorizontalPodAutoscaler", "ScaledObject", "KafkaTopic", "ServiceMonitor"]) {
      assert.ok(kinds.includes(kind), `${overlay} renders no ${kind}`);
    }
  });
}

test("the broken fixture is rejected, for each planted fault and nothing else", async () => {
  const expected = [
    /^Gateway\/hexgate: unknown kind example\.com\/v1 Gateway/,
    /^Deployment\/network-service: unknown field \/spec\/template\/spec\/containers\/0\/readinessProbes$/,
    /^Deployment\/network-service: unknown field \/spec\/template\/spec\/containers\/0\/livenessProbe\/httpGet\/paht$/,
    /^KafkaTopic\/hexgate-device-data: unknown field \/spec\/partition$/,
    /^ServiceMonitor\/parser-worker: unknown field \/spec\/endpoints\/0\/paht$/,
    /^ScaledObject\/parser-worker: unknown field \/spec\/triggers\/0\/metdata$/,
    /^HorizontalPodAutoscaler\/token-service: \/spec\/maxReplicas must be integer/,
    /^Deployment\/ingest-service: container ingest-service has no readinessProbe/,
    /^Deployment\/token-service: container token-service has no resources\.limits\.cpu$/,
    /^Deployment\/token-service: container token-service has no resources\.limits\.memory$/,
    /^Deployment\/parser-worker: JVMCI_OPTS lack -XX:\+EnableJVMCI/,
    /^Deployment\/parser-worker: JVMCI_OPTS lack --upgrade-module-path=/,
    /^Secret\/hexgate-jwt: Secrets are referenced, never committed$/,
    /^KafkaTopic: none for hexgate\.uplink\.dlq/,
    /^ScaledObject\/parser-worker: maxReplicaCount 20 × 4 batches in flight > 24 partitions/,
    /^Ingress: \/parser must go to parser-worker .* goes to ingest-service$/,
    /^Ingress\/hexgate: default-backend hexgate-errors is no Service of the manifests$/,
    /^Ingress\/hexgate: custom-http-errors lacks 504/,
    /^Ingress\/hexgate: custom-http-errors catches 400, which the services answer/,
  ];
  const problems = await validate(join(HERE, "fixtures", "broken"));
  for (const pattern of expected) {
    assert.ok(problems.some((p) => pattern.test(p)), `not reported: ${pattern}\nreported:\n${problems.join("\n")}`);
  }
  const unexpected = problems.filter((p) => !expected.some((pattern) => pattern.test(p)));
  assert.deepEqual(unexpected, []);
});

test("a directory kubectl cannot render is a problem, not a pass", async () => {
  const problems = await validate(join(HERE, "fixtures", "no-such-overlay"));
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^kubectl kustomize failed/);
});

test("the local gateway's table is SPEC §1's", () => {
  assert.deepEqual(gatewayRoutes(), {
    "/integration/network/resolve": "token-service", "/integration/network/token": "token-service",
    "/device/token": "token-service", "/profile/token": "token-service", "/serviceauth": "token-service",
    "/.well-known": "token-service",
    "/integration/network/data": "ingest-service", "/data": "ingest-service", "/info": "ingest-service",
    "/integration/network/[0-9a-f]{24}/(uplink(/[^/]+)?|health|inspector)": "ingest-service",
    "/device/[0-9a-f]{24}/inspector(/window)?": "ingest-service", "/events": "ingest-service",
    "/integration/network": "network-service", "/integration/connector": "network-service", "/device": "network-service",
    "/parser": "parser-worker",
  });
});

test("the docker compose file follows the Compose Specification and routes as the local gateway", () => {
  assert.deepEqual(validateCompose(), []);
});

test("a broken compose file is rejected: a misspelt key, a missing service, a gateway route that differs, an HTML 502", () => {
  // the real file, broken in four ways
  const compose = parse(readFileSync(join(COMPOSE, "docker-compose.yml"), "utf8"), { merge: true });
  compose.services["network-service"].restrat = "always";
  delete compose.services["parser-worker"];
  const gateway = readFileSync(join(COMPOSE, "gateway.conf"), "utf8")
    .replace(/(location \/data\s+\{ proxy_pass http:\/\/)ingest_service;/, "$1token_service;")
    .replace("error_page 500 502 503 504 =503 @unavailable;", "");
  assert.deepEqual(checkCompose(compose, gateway), [
    "/services/network-service must NOT have additional properties (restrat)",
    "services: no parser-worker",
    "gateway: lacks the local gateway's `error_page 500 502 503 504 =503 @unavailable;`",
    "gateway: /data goes to token-service, locally to ingest-service",
  ]);
});

// The Ingress's error backend, its ConfigMap as rendered, under a real nginx: what ingress-nginx forwards to it
// (the request as it came when no pod is ready; X-Code for a code it caught) is answered in Hexgate's envelope.
test("the Ingress's error backend answers in Hexgate's envelope", async (t) => {
  const { objects } = await check(join(HERE, "..", "overlays", "prod"));
  const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "hexgate-gateway-errors");
  assert.ok(config, "no ConfigMap hexgate-gateway-errors rendered");
  const nginx = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  assert.ok(nginx, "nginx is needed to run the error backend's configuration (deploy/local/hexgate test installs it)");
  const dir = mkdtempSync(join(tmpdir(), "hexgate-errors-"));
  const port = await freePort();
  assert.match(config.data["default.conf"], /listen 8080;/);
  writeFileSync(join(dir, "default.conf"), config.data["default.conf"].replace("listen 8080;", `listen 127.0.0.1:${port};`));
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `${k}_temp_path ${dir}/${k};`).join(" ");
  writeFileSync(join(dir, "nginx.conf"), `pid ${dir}/nginx.pid; error_log ${dir}/error.log; events {} `
    + `http { access_log off; ${temp} include ${dir}/default.conf; }`);
  const server = spawn(nginx, ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
  t.after(() => { server.kill(); rmSync(dir, { recursive: true, force: true }); });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not listening yet */ }
    assert.ok(i < 100, `the error backend did not start (${readFileSync(join(dir, "error.log"), "utf8")})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const unavailable = { status: false, message: "the service behind this route is unavailable; retry in a few seconds" };
  const cases = [
    ["no ready pod: the request as it came", "POST", "/data", {}, 503, unavailable],
    ["a pod gone mid-request", "POST", "/data", { "X-Code": "502" }, 503, unavailable],
    ["a timeout", "GET", "/device", { "X-Code": "504" }, 503, unavailable],
    ["an over-long request line", "GET", "/info", { "X-Code": "414" }, 414,
      { status: false, message: "the request line or a header is too long" }],
  ];
  for (const [what, method, path, headers, status, body] of cases) {
    const answer = await fetch(`${base}${path}`, { method, headers });
    assert.equal(answer.status, status, what);
    assert.match(answer.headers.get("content-type"), /^application\/json/, what);
    assert.deepEqual(await answer.json(), body, what);
    assert.equal(answer.headers.get("retry-after"), status === 503 ? "5" : null, what);
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    }).on("error", reject);
  });
}
