// The built-in networks (docs/networks/): a network server's own webhook body, posted with plain HTTP to the
// built-in network's URL with a service authorization, reaches the profile's device named by its DevEUI, through
// a connector written as a TS013 decodeUplink; the same frame gives the same points and the same rx_* metadata
// whichever network server sent it. Sample bodies are ours, shaped as each vendor documents its webhook. Through
// the gateway, after `up`; run by `deploy/local/hexgate test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { base, call, created, profileToken } from "./support.mjs";

const TTS = "b17000000000000000000001";
const CHIRPSTACK = "b17000000000000000000002";
const run = Date.now().toString(36);
const profile = profileToken(`builtin-${run}`);
const devEui = (salt) => createHash("sha256").update(run + salt).digest("hex").slice(0, 16);

async function eventually(check, tries = 120) {
  for (let i = 1; ; i++) {
    try { return await check(); } catch (e) { if (i >= tries) throw e; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
/** What a network server sends: its body, its one header (the service authorization), nothing else. */
async function webhook(network, body) {
  const response = await fetch(`${base}/integration/network/${network}/uplink`, { method: "POST",
    headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}
async function points(token, variables) {
  return eventually(async () => {
    const { json } = await call("GET", `/data?${variables.map((v) => `variable=${v}`).join("&")}&qty=20`, token);
    assert.equal(json.result.length, variables.length, JSON.stringify(json.result));
    return Object.fromEntries(json.result.map((point) => [point.variable, point]));
  });
}

const codec = `
  function decodeUplink(input) {
    if (input.fPort !== 2) return { errors: ["unknown fPort " + input.fPort] };
    return { data: { temperature: ((input.bytes[1] << 8) | input.bytes[2]) / 100,
                     humidity: ((input.bytes[3] << 8) | input.bytes[4]) / 100 } };
  }`;
const frame = Buffer.from("0109611395", "hex");
const receivedAt = "2026-12-07T10:00:00.123Z";

// The Things Stack v3 uplink webhook (dev_eui upper case, frm_payload base64, frequency a string)
const ttsBody = (eui) => ({
  end_device_ids: { device_id: "kitchen", application_ids: { application_id: "hexgate-app" }, dev_eui: eui.toUpperCase() },
  received_at: receivedAt,
  uplink_message: {
    f_port: 2, f_cnt: 42, frm_payload: frame.toString("base64"), received_at: receivedAt,
    rx_metadata: [{ gateway_ids: { gateway_id: "gw-a", eui: "B827EBFFFE000001" }, rssi: -97, snr: 7.5 },
                  { gateway_ids: { gateway_id: "gw-b", eui: "B827EBFFFE000002" }, rssi: -112, snr: -3 }],
    settings: { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7, coding_rate: "4/5" } }, frequency: "868100000" },
  },
  simulated: false,
});
// ChirpStack v4 HTTP integration, event "up" (devEui lower case, data base64, frequency a number)
const chirpstackBody = (eui) => ({
  deduplicationId: "3ac7e3c4-4401-4b8d-9386-a5c902f9202d", time: receivedAt,
  deviceInfo: { tenantId: "t1", applicationId: "a1", deviceName: "kitchen", devEui: eui.toLowerCase() },
  devAddr: "00189440", fCnt: 42, fPort: 2, data: frame.toString("base64"),
  rxInfo: [{ gatewayId: "b827ebfffe000001", rssi: -97, snr: 7.5 }, { gatewayId: "b827ebfffe000002", rssi: -112, snr: -3 }],
  txInfo: { frequency: 868100000, modulation: { lora: { bandwidth: 125000, spreadingFactor: 7, codeRate: "CR_4_5" } } },
});

let authorization;
const devices = {};

test("a connector on both built-in networks, a device on each, a service authorization", async () => {
  const { connector } = await created(profile, "/integration/connector", {
    name: `sensor ${run}`, networks: [TTS, CHIRPSTACK], payload_decoder: Buffer.from(codec).toString("base64") });
  for (const [name, network] of [["tts", TTS], ["chirpstack", CHIRPSTACK]]) {
    // the serial typed as people copy it from a console: lower case with hyphens; the mask stores it upper case
    const eui = devEui(name);
    const made = await created(profile, "/device", { name: `${name} ${run}`, network, connector,
      serie_number: eui.match(/../g).join("-") });
    devices[name] = { eui, token: made.token };
  }
  authorization = (await created(profile, "/serviceauth", { name: "LNS webhooks" })).token;
});

for (const [name, network, body] of [["tts", TTS, ttsBody], ["chirpstack", CHIRPSTACK, chirpstackBody]]) {
  test(`${name}: the network server's webhook body is stored on the device its DevEUI names, rx_* included`, async () => {
    const answer = await eventually(async () => {
      const posted = await webhook(network, body(devices[name].eui));
      assert.equal(posted.status, 202, JSON.stringify(posted.json));
      return posted;
    }, 40);
    assert.equal(answer.json.result, "1 Data Added");
    const stored = await points(devices[name].token, ["temperature", "humidity", "payload", "fport", "fcnt",
      "rx_rssi", "rx_snr", "rx_gateway", "rx_frequency", "rx_sf", "rx_bw"]);
    devices[name].stored = stored;
    assert.equal(stored.temperature.value, 24.01);
    assert.equal(stored.humidity.value, 50.13);
    assert.equal(stored.payload.value, "0109611395");
    assert.equal(stored.fport.value, 2);
    assert.equal(stored.fcnt.value, 42);
    assert.equal(stored.rx_rssi.value, -97, "the best gateway's");
    assert.equal(stored.rx_snr.value, 7.5);
    assert.equal(stored.rx_gateway.value, "b827ebfffe000001");
    assert.equal(stored.rx_frequency.value, 868100000);
    assert.equal(stored.rx_sf.value, 7);
    assert.equal(stored.rx_bw.value, 125000);
    assert.equal(stored.temperature.time, stored.rx_rssi.time);
    assert.equal(new Date(stored.temperature.time).toISOString(), receivedAt, "the network server's reception time");
  });
}

test("the same frame gives the same points whichever network server sent it", () => {
  const shape = (stored) => Object.fromEntries(Object.entries(stored).map(([variable, point]) =>
    [variable, [point.value, point.unit ?? null, point.time]]));
  assert.deepEqual(shape(devices.tts.stored), shape(devices.chirpstack.stored));
});

test("a ChirpStack event that is not an uplink stores nothing and is answered like one", async () => {
  const join = { deduplicationId: "d2", time: receivedAt, devAddr: "00189440",
    deviceInfo: { devEui: devices.chirpstack.eui, deviceName: "kitchen" } };
  const posted = await webhook(CHIRPSTACK, join);
  assert.equal(posted.status, 202, JSON.stringify(posted.json));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { json } = await call("GET", "/data?variable=fcnt&qty=10", devices.chirpstack.token);
  assert.equal(json.result.length, 1, "only the uplink's frame counter: " + JSON.stringify(json.result));
});

test("nobody edits a built-in network", async () => {
  const answer = await call("PUT", `/integration/network/${TTS}`, profile, { name: "mine" });
  assert.equal(answer.status, 403, JSON.stringify(answer.json));
  assert.match(answer.json.message, /built-in The Things Stack v3 network/);
});
