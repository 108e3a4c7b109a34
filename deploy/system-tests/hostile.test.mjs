// Hostile input against a started Hexgate (SPEC §6), run by `deploy/local/hexgate test` after `up`:
//   - the authorization matrix: every public route of the OpenAPI documents × every kind of credential (none,
//     garbage, foreign-signed, expired, revoked, another profile's, the wrong kind, read-only) with the status it
//     must get, and none of one profile's data in another's answers;
//   - the internal routes: unreachable through the gateway, 401 on the service ports without a service credential;
//   - a fuzzer over every field of every POST/PUT body (NUL, huge, deep nesting, wrong types, nulls, duplicate
//     keys, trailing garbage): never a 5xx, always the JSON envelope, and every service ready afterwards.
//   - the length limits: every string a public route stores or signs has a documented maxLength, and one
//     character more is a 4xx that names the field without echoing the value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { connect } from "node:net";
import { readFileSync } from "node:fs";

const base = process.env.TAGOIO_API ?? "http://127.0.0.1:8080";
const runner = new URL("../local/hexgate", import.meta.url).pathname;
const state = process.env.HEXGATE_STATE_DIR ?? new URL("../local/.state", import.meta.url).pathname;
const issuer = process.env.HEXGATE_JWT_ISSUER ?? "hexgate";
const ports = {
  "network-service": process.env.HEXGATE_NETWORK_PORT ?? "8081",
  "token-service": process.env.HEXGATE_TOKEN_PORT ?? "8082",
  "ingest-service": process.env.HEXGATE_INGEST_PORT ?? "8083",
  "parser-worker": process.env.HEXGATE_PARSER_PORT ?? "8084",
};
const services = Object.keys(ports);
const run = Date.now().toString(36);
const docs = Object.fromEntries(services.map((service) => [service, JSON.parse(readFileSync(
  new URL(`../../docs/openapi/${service}/openapi.json`, import.meta.url), "utf8"))]));

// ---- credentials ---------------------------------------------------------------------------------------------
const profileToken = (name) => execFileSync(runner, ["token", `${name}-${run}`]).toString().trim();
const profileId = (name) => createHash("sha256").update(`${name}-${run}`).digest("hex").slice(0, 24);
const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function jwt(claims, privateKey) {
  const unsigned = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url");
  return `${unsigned}.${signature}`;
}

function claimsOf(name, expiresIn) {
  const now = Math.floor(Date.now() / 1000);
  const id = profileId(name);
  return { iss: issuer, sub: id, profile: id, name, groups: [], iat: now, exp: now + expiresIn, jti: randomBytes(12).toString("hex") };
}

async function call(method, path, { token, body, raw, headers = {}, port } = {}) {
  const url = port ? `http://127.0.0.1:${port}${path}` : `${base}${path}`;
  const init = { method, headers: { ...headers } };
  if (token !== undefined) init.headers.token = token;
  if (raw !== undefined || body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = raw !== undefined ? raw : JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* checked by the callers that need it */ }
  return { status: response.status, text, json };
}

async function ok(method, path, options, status = [200, 201, 202]) {
  const answer = await call(method, path, options);
  assert.ok(status.includes(answer.status), `${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.json?.result;
}

async function eventually(action, tries = 40) {
  for (let i = 1; ; i++) {
    try { return await action(); } catch (e) { if (i >= tries) throw e; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A profile with a network, a connector, a device with a serial, data, and tokens of every kind. */
async function fixture(name) {
  const token = profileToken(name);
  const marker = `secret-${name}-${run}`;
  const serial = randomBytes(8).toString("hex").toUpperCase();
  const { network } = await ok("POST", "/integration/network", { token, body: {
    name: `${marker} network`, serial_number: { mask: "FFFFFFFFFFFFFFFF", case: "upper" } } });
  const { connector } = await ok("POST", "/integration/connector", { token, body: { name: `${marker} connector`, networks: [network] } });
  const created = await ok("POST", "/device", { token, body: { name: `${marker} device`, network, connector, serie_number: serial } });
  const device = created.device_id;
  const deviceToken = created.token;
  // token-service learns of the device from hexgate.registry.changes: retry briefly.
  const readDeviceToken = await eventually(async () => (await ok("POST", "/device/token", {
    token, body: { device, name: "read", permission: "read" } })).token);
  const revokedDeviceToken = (await ok("POST", "/device/token", { token, body: { device, name: "revoked" } })).token;
  await ok("DELETE", `/device/token/${revokedDeviceToken}`, { token });
  const networkToken = await eventually(async () => (await ok("POST", "/integration/network/token", {
    token, body: { network, name: "LNS", permission: "full" } })).token);
  const readNetworkToken = (await ok("POST", "/integration/network/token", { token, body: { network, name: "read", permission: "read" } })).token;
  const revokedNetworkToken = (await ok("POST", "/integration/network/token", { token, body: { network, name: "revoked" } })).token;
  await ok("DELETE", `/integration/network/token/${revokedNetworkToken}`, { token });
  const serviceAuthorization = (await ok("POST", "/serviceauth", { token, body: { name: "LNS webhook" } })).token;
  const revokedServiceAuthorization = (await ok("POST", "/serviceauth", { token, body: { name: "revoked" } })).token;
  await ok("DELETE", `/serviceauth/${revokedServiceAuthorization}`, { token });
  const issued = await ok("POST", "/profile/token", { token, body: { name: "revoked" } });
  await ok("DELETE", `/profile/token/${issued.jti}`, { token });
  await ok("POST", "/data", { token: deviceToken, body: { variable: "marker", value: marker } });
  return { name, token, marker, serial, network, connector, device, deviceToken, readDeviceToken, revokedDeviceToken,
    networkToken, readNetworkToken, revokedNetworkToken, revokedProfileToken: issued.token, serviceAuthorization,
    revokedServiceAuthorization };
}

// ---- the routes, from the OpenAPI documents -----------------------------------------------------------------
/** What credential a route takes: a profile token, a device token, a network token, none (public) or a service's. */
function credentialOf(path, operation) {
  if (path.startsWith("/internal/")) return "service";
  if (path === "/.well-known/jwks.json") return "public";
  if ((operation.security ?? []).some((requirement) => "profile-token" in requirement)) return "profile";
  if (path.startsWith("/integration/network/resolve/") || path === "/integration/network/data"
    || path.startsWith("/integration/network/{network}/uplink")) return "network";
  return "device";
}

function routes() {
  const all = [];
  for (const service of services) {
    for (const [path, operations] of Object.entries(docs[service].paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        all.push({ service, path, method: method.toUpperCase(), operation, credential: credentialOf(path, operation) });
      }
    }
  }
  return all;
}

/** The path with the owner's ids in it (so another profile asks for what is not its own). */
function concrete(path, owner, other) {
  const values = {
    id: path.startsWith("/device") ? owner.device : path.startsWith("/integration/connector") ? owner.connector : owner.network,
    paramId: "000000000000000000000000", profile: profileId(other.name), device: owner.device, network: owner.network,
    token: path.startsWith("/device") ? owner.readDeviceToken : path.startsWith("/serviceauth") ? owner.serviceAuthorization
      : owner.readNetworkToken, serial: owner.serial,
    authorization: owner.token, jti: "000000000000000000000000",
  };
  return path.replace(/\{(\w+)\}/g, (whole, name) => encodeURIComponent(values[name] ?? "x"));
}

const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
const localKey = readFileSync(`${state}/jwt/private.pem`, "utf8");

/** Each kind of credential for a route, with the statuses it may get. */
function cells(route, alice, bob) {
  const bad = [401];
  const writes = route.method !== "GET";
  const common = [
    ["no credential", undefined, bad],
    ["garbage", `garbage-${run}`, bad],
    ["a JWT signed by a foreign key", jwt(claimsOf("alice", 3600), foreignKey), bad],
    ["an expired profile token", jwt(claimsOf("alice", -3600), localKey), bad],
  ];
  if (route.credential === "profile") {
    return [...common,
      ["a revoked profile token", alice.revokedProfileToken, bad],
      ["a device token", alice.deviceToken, bad],
      ["a network token", alice.networkToken, bad],
      ["a service authorization", alice.serviceAuthorization, bad],
      ["another profile's token", bob.token, /\{(id|device|network|token)\}/.test(route.path) ? [400, 403, 404] : "any"],
    ];
  }
  if (route.credential === "device") {
    return [...common,
      ["a revoked device token", alice.revokedDeviceToken, bad],
      ["a profile token", alice.token, bad],
      ["a network token", alice.networkToken, bad],
      ["a service authorization", alice.serviceAuthorization, route.path === "/info" ? [200] : bad, "own"],
      ["a read-only device token", alice.readDeviceToken, writes ? [403] : [200], "own"],
      ["another profile's device token", bob.deviceToken, "any"],
    ];
  }
  return [...common,
    ["a revoked network token", alice.revokedNetworkToken, bad],
    ["a device token", alice.deviceToken, bad],
    ["a profile token", alice.token, bad],
    // a network server's webhook takes one: alice's, on alice's own network
    ["a service authorization", alice.serviceAuthorization, route.path.includes("/uplink") ? [202] : bad, "own"],
    ["a read-only network token", alice.readNetworkToken, [403]],
    ["another profile's network token", bob.networkToken, route.path.includes("resolve") ? [403, 404] : "any"],
  ];
}

const bodyFor = (route) => route.operation.requestBody ? {} : undefined;

let alice;
let bob;

test("fixtures: two profiles with networks, connectors, devices, data and tokens of every kind", async () => {
  alice = await fixture("matrix-alice");
  bob = await fixture("matrix-bob");
});

test("the authorization matrix: every public route × every kind of credential", async (t) => {
  const publicRoutes = routes().filter((route) => route.credential !== "service" && route.credential !== "public");
  assert.ok(publicRoutes.length >= 35, `the OpenAPI documents list ${publicRoutes.length} public routes`);
  for (const route of publicRoutes) {
    await t.test(`${route.method} ${route.path}`, async () => {
      const path = concrete(route.path, alice, bob);
      for (const [kind, token, expected, own] of cells(route, alice, bob)) {
        const answer = await call(route.method, path, { token, body: bodyFor(route) });
        const where = `${route.method} ${path} with ${kind}: ${answer.status} ${answer.text.slice(0, 300)}`;
        assert.ok(answer.status < 500, where);
        assert.equal(answer.json?.status, answer.status < 300, `the envelope of ${where}`);
        if (expected !== "any") assert.ok(expected.includes(answer.status), `${where}; expected ${expected}`);
        for (const secret of own ? [] : [alice.marker, alice.deviceToken, alice.networkToken, alice.serviceAuthorization]) {
          assert.ok(!answer.text.includes(secret), `alice's ${secret} in the answer to ${where}`);
        }
      }
    });
  }
});

test("internal routes: not routed by the gateway, and 401 on the service ports without a service credential", async () => {
  const internal = routes().filter((route) => route.credential === "service");
  assert.ok(internal.length >= 5);
  for (const route of internal) {
    const path = concrete(route.path, alice, bob);
    const routed = await call(route.method, path, { body: bodyFor(route), token: alice.token });
    assert.equal(routed.status, 404, `${route.method} ${path} through the gateway: ${routed.status}`);
    for (const token of [undefined, alice.token, alice.deviceToken]) {
      const direct = await call(route.method, path, { body: bodyFor(route), token, port: ports[route.service],
        headers: token ? { "Hexgate-Service-Token": token } : {} });
      assert.equal(direct.status, 401, `${route.method} ${path} on ${route.service}: ${direct.status} ${direct.text}`);
    }
  }
});

/** One request as written, path and all (fetch would resolve its dot segments first); its status. */
function rawStatus(method, path, token) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\n`
      + `token: ${token}\r\nConnection: close\r\n\r\n`));
    let answer = "";
    socket.on("data", (chunk) => { answer += chunk; });
    socket.on("end", () => resolve(Number(answer.split(" ")[1])));
    socket.on("error", reject);
  });
}

test("a dot segment in a path is refused at the gateway and deletes nothing", async () => {
  for (const segment of ["..", "%2e%2e", "%2E%2e", ".", "./x"]) {
    const status = await rawStatus("DELETE", `/device/${alice.device}/params/${segment}`, alice.token);
    assert.equal(status, 400, `DELETE /device/${alice.device}/params/${segment}: ${status}`);
  }
  await ok("GET", `/device/${alice.device}`, { token: alice.token });
});

// ---- the fuzzer ----------------------------------------------------------------------------------------------
function resolveSchema(service, schema) {
  const ref = schema?.$ref;
  return ref ? docs[service].components.schemas[ref.split("/").pop()] : schema;
}

function fieldsOf(route) {
  const schema = resolveSchema(route.service, route.operation.requestBody?.content?.["application/json"]?.schema);
  const properties = resolveSchema(route.service, schema?.type === "array" ? schema.items : schema)?.properties ?? {};
  return Object.keys(properties);
}

const deep = (depth) => "[".repeat(depth) + "]".repeat(depth);
const hostileValues = [
  ["a NUL character", JSON.stringify("a\u0000b")],
  ["1 MB of text", JSON.stringify("x".repeat(1024 * 1024))],
  ["300 kB of text", JSON.stringify("y".repeat(300 * 1024))],
  ["nesting 5,000 deep", deep(5000)],
  ["a number", "123456789012345678901234567890"],
  ["a negative number", "-1e308"],
  ["a boolean", "true"],
  ["an array", "[1,\"a\",null]"],
  ["an object", "{\"a\":{\"b\":[]}}"],
  ["null", "null"],
  ["an array of null", "[null]"],
  ["an array of objects with nulls", "[{\"name\":null,\"options\":[null]},{}]"],
  ["an empty string", "\"\""],
  ["a lone surrogate", "\"\\ud800\""],
];
const hostileBodies = [
  ["a key given twice", "{\"name\":\"a\",\"name\":\"b\"}"],
  ["trailing garbage", "{\"name\":\"a\"} trailing"],
  ["not JSON", "{{{"],
  ["null", "null"],
  ["an array of nulls", "[null, null]"],
  ["a string", "\"text\""],
  ["an empty body", ""],
  ["nesting 5,000 deep", deep(5000)],
  ["a NUL byte", "{\"name\":\"a\u0000b\"}"],
];

test("the fuzzer: hostile values in every field of every POST and PUT body never get a 5xx", async (t) => {
  const fuzzed = routes().filter((route) => route.operation.requestBody && route.credential !== "service"
    && (route.method === "POST" || route.method === "PUT"));
  for (const route of fuzzed) {
    await t.test(`${route.method} ${route.path}`, async () => {
      const path = concrete(route.path, alice, bob);
      const token = route.credential === "profile" ? alice.token : route.credential === "device" ? alice.deviceToken : alice.networkToken;
      const bodies = [...hostileBodies];
      for (const field of fieldsOf(route)) {
        for (const [what, value] of hostileValues) bodies.push([`${field}: ${what}`, `{"${field}":${value}}`]);
      }
      for (const [what, raw] of bodies) {
        const answer = await call(route.method, path, { token, raw });
        const where = `${route.method} ${path} with ${what}: ${answer.status} ${answer.text.slice(0, 200)}`;
        assert.ok(answer.status < 500, where);
        assert.notEqual(answer.json, null, `not the JSON envelope: ${where}`);
        assert.equal(answer.json.status, answer.status < 300, `the envelope of ${where}`);
      }
    });
  }
});

test("every service is ready after all of that", async () => {
  for (const [service, port] of Object.entries(ports)) {
    const ready = await call("GET", "/q/health/ready", { port });
    assert.equal(ready.status, 200, `${service}: ${ready.text}`);
  }
});

// ---- length limits, from the OpenAPI documents ---------------------------------------------------------------
// Every string a public route stores or signs has a documented maxLength, and one character more is refused with
// a 4xx naming the field: found by walking each body schema (nested objects and array items included), so a new
// field or route joins by being documented.
const storingRoutes = () => routes().filter((route) => route.credential !== "service"
  && (route.method === "POST" || route.method === "PUT")
  && route.operation.requestBody?.content?.["application/json"]);

/** A valid body for each such route; the test changes one string in it. Unknown routes fail the test. */
function validBody(route, owner, dataId) {
  const parameter = { name: "p", type: "dropdown", options: [{ value: "a", label: "A" }] };
  switch (`${route.method} ${route.path}`) {
    case "POST /integration/network": return { name: "n", serial_number: { mask: "FFFF" }, device_parameters: [parameter] };
    case "PUT /integration/network/{id}": return { serial_number: { mask: "FFFF" }, device_parameters: [parameter] };
    case "POST /integration/connector": return { name: "c", networks: [owner.network], device_parameters: [parameter] };
    case "PUT /integration/connector/{id}": return { networks: [owner.network], device_parameters: [parameter] };
    case "POST /integration/network/{id}/share":
    case "POST /integration/connector/{id}/share": return { profile: profileId("nobody") };
    case "POST /device": return { name: "d", network: owner.network, connector: owner.connector,
      tags: [{ key: "k", value: "v" }], params: [{ key: "k", value: "v" }] };
    case "PUT /device/{id}": return { tags: [{ key: "k", value: "v" }], params: [{ key: "k", value: "v" }] };
    case "POST /device/{id}/params": return [{ key: "k", value: "v" }];
    case "POST /device/token": return { device: owner.device, name: "t" };
    case "POST /integration/network/token": return { network: owner.network, name: "t" };
    case "POST /profile/token": return { name: "t" };
    case "POST /serviceauth": return { name: "t", verification_code: "v" };
    case "PUT /serviceauth/{token}": return { name: "t", verification_code: "v" };
    case "PUT /data": return [{ id: dataId, unit: "u" }];
    case "POST /parser/run": return { code: "payload = payload;", payload: "00" };
    case "PUT /device/{device}/inspector/window": return { minutes: 1 };
    default: return undefined;
  }
}

/** Every string in a schema, as a path of property names and 0 for an array's item; with its schema. */
function stringsOf(service, schema, path = [], depth = 0) {
  const resolved = resolveSchema(service, schema);
  if (!resolved || depth > 6) return [];
  if (resolved.type === "string") return [{ path, schema: resolved }];
  if (resolved.type === "array") return stringsOf(service, resolved.items, [...path, 0], depth + 1);
  return Object.entries(resolved.properties ?? {})
    .flatMap(([name, property]) => stringsOf(service, property, [...path, name], depth + 1));
}

/** A copy of the body with the value at the path (an array step takes the array's first item, made if missing). */
function withValue(body, path, value) {
  const copy = structuredClone(body);
  if (path.length === 0) return value;
  let at = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    if (at[step] === undefined || at[step] === null) at[step] = typeof path[i + 1] === "number" ? [] : {};
    at = at[step];
  }
  at[path[path.length - 1]] = value;
  return copy;
}

/** A value of at least `length` characters that is otherwise what the field takes (a URL, base64, hex). */
function longValue(schema, length) {
  if (schema.format === "uri") return "https://example.com/" + "a".repeat(Math.max(1, length - 20));
  if (schema.format === "byte") return Buffer.from("//" + "a".repeat(Math.ceil(length * 3 / 4))).toString("base64");
  return "a".repeat(length);
}

test("every string a public route stores or signs has a documented maxLength, and one character more is a 4xx naming it", async (t) => {
  // the marker point is stored once parser-worker has consumed it
  const dataId = await eventually(async () => {
    const points = await ok("GET", "/data?variable=marker", { token: alice.deviceToken });
    assert.equal(points.length, 1);
    return points[0].id;
  });
  const undocumented = [];
  for (const route of storingRoutes()) {
    await t.test(`${route.method} ${route.path}`, async () => {
      const base = validBody(route, alice, dataId);
      assert.notEqual(base, undefined, `no valid body for ${route.method} ${route.path}: add one to validBody`);
      const path = concrete(route.path, alice, bob);
      const token = route.credential === "profile" ? alice.token : alice.deviceToken;
      const schema = route.operation.requestBody.content["application/json"].schema;
      for (const leaf of stringsOf(route.service, schema)) {
        const name = leaf.path.filter((step) => typeof step === "string").pop() ?? "body";
        const where = `${route.method} ${route.path} ${leaf.path.join(".")}`;
        if (leaf.schema.maxLength === undefined) {
          undocumented.push(where);
          continue;
        }
        const refused = await call(route.method, path, { token, body: withValue(base, leaf.path, longValue(leaf.schema, leaf.schema.maxLength + 1)) });
        assert.ok(refused.status >= 400 && refused.status < 500, `${where} of ${leaf.schema.maxLength + 1} characters: ${refused.status} ${refused.text.slice(0, 300)}`);
        assert.ok(refused.text.includes(name), `${where}: the answer does not name ${name}: ${refused.text.slice(0, 300)}`);
        assert.ok(refused.text.length < 4096, `${where}: the answer echoes the value (${refused.text.length} characters)`);
      }
    });
  }
  assert.deepEqual(undocumented, [], "strings without a documented maxLength");
});
