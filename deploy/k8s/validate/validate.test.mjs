// The manifests of deploy/k8s render and validate, and the validator rejects a deliberately broken overlay with
// exactly the problems planted in it (fixtures/broken). Run by `deploy/local/hexgate test` (node --test).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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
    "/device/token": "token-service", "/profile/token": "token-service", "/.well-known": "token-service",
    "/integration/network/data": "ingest-service", "/data": "ingest-service", "/info": "ingest-service",
    "/integration/network": "network-service", "/integration/connector": "network-service", "/device": "network-service",
    "/parser": "parser-worker",
  });
});

test("the docker compose file follows the Compose Specification and routes as the local gateway", () => {
  assert.deepEqual(validateCompose(), []);
});

test("a broken compose file is rejected: a misspelt key, a missing service, a gateway route that differs", () => {
  // the real file, broken in three ways
  const compose = parse(readFileSync(join(COMPOSE, "docker-compose.yml"), "utf8"), { merge: true });
  compose.services["network-service"].restrat = "always";
  delete compose.services["parser-worker"];
  const gateway = readFileSync(join(COMPOSE, "gateway.conf"), "utf8")
    .replace(/(location \/data\s+\{ proxy_pass http:\/\/)ingest_service;/, "$1token_service;");
  assert.deepEqual(checkCompose(compose, gateway), [
    "/services/network-service must NOT have additional properties (restrat)",
    "services: no parser-worker",
    "gateway: /data goes to token-service, locally to ingest-service",
  ]);
});
