// Service authorizations (SPEC §2.7, §3.2; docs/tokens.md): the credential a network server's webhook carries to say
// which profile an uplink or a resolve belongs to, on a network shared by several profiles. Made, listed, edited and
// revoked as TagoIO's /serviceauth; a revoked one stops working within a second. Through the gateway, by plain HTTP,
// after `up`; run by `deploy/local/hexgate test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { base, call, created, profileToken } from "./support.mjs";

const run = Date.now().toString(36);
const aliceName = `sa-alice-${run}`;
const bobName = `sa-bob-${run}`;
const alice = profileToken(aliceName);
const bob = profileToken(bobName);
const profileId = (name) => createHash("sha256").update(name).digest("hex").slice(0, 24);
const serial = createHash("sha256").update(run).digest("hex").slice(0, 16).toUpperCase();

async function eventually(check, tries = 120) {
  for (let i = 1; ; i++) {
    try { return await check(); } catch (e) { if (i >= tries) throw e; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// A network server's webhook body: the DevEUI and the frame; the network parser names the device by the serial.
const networkParser = `
  const up = Array.isArray(payload) ? payload[0] : null;
  if (up && up.dev_eui) {
    serial = up.dev_eui;
    payload = [{ variable: 'payload', value: up.hex }, { variable: 'sender', value: up.sender }];
  }`;

let network;
let networkToken;
let aliceDevice;
let bobDevice;
let bobAuthorization;

test("a network shared by two profiles, each with a device of the same serial", async () => {
  ({ network } = await created(alice, "/integration/network", { name: `shared LNS ${run}`,
    serial_number: { mask: "FFFFFFFFFFFFFFFF", case: "upper" }, payload_decoder: Buffer.from(networkParser).toString("base64") }));
  const shared = await call("POST", `/integration/network/${network}/share`, alice, { profile: profileId(bobName) });
  assert.equal(shared.status, 200, JSON.stringify(shared.json));
  const devices = [];
  for (const [profile, name] of [[alice, "alice"], [bob, "bob"]]) {
    const { connector } = await created(profile, "/integration/connector", { name: `${name} sensor`, networks: [network] });
    devices.push(await created(profile, "/device", { name: `${name} device`, network, connector, serie_number: serial }));
  }
  [aliceDevice, bobDevice] = devices;
  networkToken = await eventually(async () => (await created(alice, "/integration/network/token", { network, name: "LNS" })).token);
});

test("a service authorization is shown once, listed by its first characters, and edited as TagoIO's SDK does", async () => {
  const made = await created(bob, "/serviceauth", { name: "TTS webhook", verification_code: "v1",
    additional_parameters: { application: "bob-app" } });
  assert.match(made.token, /^at[0-9a-f]{32}$/);
  assert.equal(made.permission, "full");
  assert.equal(made.expire_time, "never");
  bobAuthorization = made.token;

  const edited = await call("PUT", `/serviceauth/${bobAuthorization}`, bob, { verification_code: "v2" });
  assert.equal(edited.json.result, "Authorization Code Successfully Updated");
  const listed = await call("GET", "/serviceauth?fields[0]=name&fields[1]=token&fields[2]=verification_code&fields[3]=additional_parameters", bob);
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.json.result, [{ name: "TTS webhook", token: `${bobAuthorization.slice(0, 8)}…`,
    verification_code: "v2", additional_parameters: { application: "bob-app" } }]);
  assert.ok(!JSON.stringify(listed.json).includes(bobAuthorization), "the list shows the whole token");
  assert.deepEqual((await call("GET", "/serviceauth", alice)).json.result, [], "alice sees bob's authorization");

  const info = await call("GET", "/info", bobAuthorization);
  assert.equal(info.status, 200, JSON.stringify(info.json));
  assert.deepEqual(info.json.result, { type: "service_authorization", profile: profileId(bobName), permission: "full",
    expire_time: "never" });
});

test("it names the profile of network-level data and of a resolve; without it the serial is ambiguous", async () => {
  // token-service learns of both devices from hexgate.registry.changes: until it has, the serial is not ambiguous yet
  await eventually(async () => {
    const ambiguous = await fetch(`${base}/integration/network/resolve/${serial}`, { headers: { token: networkToken } });
    assert.equal(ambiguous.status, 409);
  });
  const resolved = await eventually(async () => {
    const answer = await fetch(`${base}/integration/network/resolve/${serial}/${bobAuthorization}`,
      { headers: { token: networkToken } });
    assert.equal(answer.status, 200);
    return (await answer.json()).result;
  });
  assert.equal(resolved, bobDevice.token);

  const posted = await call("POST", `/integration/network/data?authorization=${bobAuthorization}`, networkToken,
    { dev_eui: serial.toLowerCase(), hex: "0102", sender: `for bob ${run}` });
  assert.equal(posted.status, 202, JSON.stringify(posted.json));
  const stored = await eventually(async () => {
    const { json } = await call("GET", "/data?variable=sender", bobDevice.token);
    assert.equal(json.result.length, 1);
    return json.result[0];
  });
  assert.equal(stored.value, `for bob ${run}`);
  assert.deepEqual((await call("GET", "/data?variable=sender", aliceDevice.token)).json.result, [], "alice's device got bob's uplink");
});

test("a network server's webhook posts to the network's own route with it, and reaches the profile's device", async () => {
  const response = await fetch(`${base}/integration/network/${network}/uplink`, { method: "POST",
    headers: { authorization: bobAuthorization, "content-type": "application/json" },
    body: JSON.stringify({ dev_eui: serial, hex: "0a0b", sender: `webhook for bob ${run}` }) });
  assert.equal(response.status, 202, await response.text());
  // read with bob's device token: stored on bob's device, not on alice's of the same serial
  await eventually(async () => {
    const { json } = await call("GET", "/data?variable=sender&qty=10", bobDevice.token);
    assert.ok(json.result.some((point) => point.value === `webhook for bob ${run}`), JSON.stringify(json.result));
  });
  const alices = (await call("GET", "/data?variable=sender&qty=10", aliceDevice.token)).json.result;
  assert.ok(!alices.some((point) => point.value === `webhook for bob ${run}`), "alice's device got bob's webhook");
  // a profile the network is not shared with cannot post to it, whatever its authorization
  const carol = profileToken(`sa-carol-${run}`);
  const carols = (await created(carol, "/serviceauth", { name: "webhook" })).token;
  const refused = await fetch(`${base}/integration/network/${network}/uplink`, { method: "POST",
    headers: { authorization: carols, "content-type": "application/json" }, body: "{}" });
  assert.equal(refused.status, 404);
});

test("a read-only or unknown authorization is refused, naming authorization; a revoked one fails within a second", async () => {
  const reader = await created(bob, "/serviceauth", { name: "read", permission: "read" });
  const refused = await call("POST", `/integration/network/data?authorization=${reader.token}`, networkToken,
    { dev_eui: serial, hex: "00", sender: "read-only" });
  assert.equal(refused.status, 403);
  assert.match(refused.json.message, /^authorization: .*'read'/);
  const unknown = await call("POST", `/integration/network/data?authorization=at${"0".repeat(32)}`, networkToken,
    { dev_eui: serial, hex: "00", sender: "unknown" });
  assert.equal(unknown.status, 401);
  assert.match(unknown.json.message, /^authorization: /);

  const revoked = await call("DELETE", `/serviceauth/${bobAuthorization}`, bob);
  assert.equal(revoked.json.result, "Token Successfully Removed");
  // the contract's bound: a second after the revocation was answered, every use fails (the caches are invalidated
  // or live at most that long)
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const resolve = await fetch(`${base}/integration/network/resolve/${serial}/${bobAuthorization}`,
    { headers: { token: networkToken } });
  const data = await call("POST", `/integration/network/data?authorization=${bobAuthorization}`, networkToken,
    { dev_eui: serial, hex: "00", sender: "after revocation" });
  const info = await call("GET", "/info", bobAuthorization);
  assert.deepEqual([resolve.status, data.status, info.status], [401, 401, 401]);
  assert.equal((await call("DELETE", `/serviceauth/${bobAuthorization}`, bob)).status, 404);
});
