// The built-in networks (docs/networks/): each network server's own webhook body, posted with plain HTTP to the
// built-in network's URL with a service authorization, reaches the profile's device named by its serial, through
// one connector written as a TS013 decodeUplink; the same frame gives the same points and the same rx_* metadata
// whichever network server sent it. Sample bodies are ours, shaped as each vendor documents its webhook. Through
// the gateway, after `up`; run by `deploy/local/hexgate test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { base, call, created, profileToken } from "./support.mjs";

const run = Date.now().toString(36);
const profile = profileToken(`builtin-${run}`);
const hexOf = (salt, digits) => createHash("sha256").update(run + salt).digest("hex").slice(0, digits);

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

// A Sigfox frame has no port: the codec decodes port 2 and a frame without one alike.
const codec = `
  function decodeUplink(input) {
    if (input.fPort !== 2 && input.fPort !== undefined) return { errors: ["unknown fPort " + input.fPort] };
    return { data: { temperature: ((input.bytes[1] << 8) | input.bytes[2]) / 100,
                     humidity: ((input.bytes[3] << 8) | input.bytes[4]) / 100 } };
  }`;
const frame = Buffer.from("0109611395ab", "hex");
const receivedAt = "2026-12-07T10:00:00.123Z";
const ms = Date.parse(receivedAt);
const gatewayEui = "B827EBFFFE000001";
const b64 = (hex) => Buffer.from(hex, "hex").toString("base64");

const ALL = ["payload", "fport", "fcnt", "rx_rssi", "rx_snr", "rx_gateway", "rx_frequency", "rx_sf", "rx_bw"];
/**
 * Each built-in network: its id, the serial a device on it is given (as people type it), the body its network
 * server posts for the frame, what it cannot say of the frame (left out of the comparison), its gateway's id as
 * stored, and the time it gives (Sigfox counts whole seconds).
 */
const NETWORKS = {
  "the-things-stack-v3": { id: "b17000000000000000000001", serial: () => hexOf("tts", 16),
    body: (eui) => ({
      end_device_ids: { device_id: "kitchen", application_ids: { application_id: "hexgate-app" }, dev_eui: eui.toUpperCase() },
      received_at: receivedAt,
      uplink_message: {
        f_port: 2, f_cnt: 42, frm_payload: frame.toString("base64"), received_at: receivedAt,
        rx_metadata: [{ gateway_ids: { gateway_id: "gw-a", eui: gatewayEui }, rssi: -97, snr: 7.5 },
                      { gateway_ids: { gateway_id: "gw-b", eui: "B827EBFFFE000002" }, rssi: -112, snr: -3 }],
        settings: { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7, coding_rate: "4/5" } }, frequency: "868100000" },
      },
      simulated: false,
    }) },
  "chirpstack-v4": { id: "b17000000000000000000002", serial: () => hexOf("cs4", 16),
    body: (eui) => ({
      deduplicationId: "3ac7e3c4-4401-4b8d-9386-a5c902f9202d", time: receivedAt,
      deviceInfo: { tenantId: "t1", applicationId: "a1", deviceName: "kitchen", devEui: eui.toLowerCase() },
      devAddr: "00189440", fCnt: 42, fPort: 2, data: frame.toString("base64"),
      rxInfo: [{ gatewayId: gatewayEui.toLowerCase(), rssi: -97, snr: 7.5 }, { gatewayId: "b827ebfffe000002", rssi: -112, snr: -3 }],
      txInfo: { frequency: 868100000, modulation: { lora: { bandwidth: 125000, spreadingFactor: 7, codeRate: "CR_4_5" } } },
    }) },
  // the "JSON" marshaler: devEUI and gatewayID base64, bandwidth in kHz
  "chirpstack-v3": { id: "b17000000000000000000003", serial: () => hexOf("cs3", 16),
    body: (eui) => ({
      applicationID: "7", applicationName: "garden", deviceName: "kitchen", devEUI: b64(eui),
      rxInfo: [{ gatewayID: b64("b827ebfffe000002"), time: receivedAt, rssi: -112, loRaSNR: -3 },
               { gatewayID: b64(gatewayEui), time: receivedAt, rssi: -97, loRaSNR: 7.5 }],
      txInfo: { frequency: 868100000, modulation: "LORA",
                loRaModulationInfo: { bandwidth: 125, spreadingFactor: 7, codeRate: "4/5", polarizationInversion: false } },
      adr: true, dr: 5, fCnt: 42, fPort: 2, data: frame.toString("base64"), objectJSON: "", tags: {},
      publishedAt: receivedAt,
    }) },
  helium: { id: "b17000000000000000000004", serial: () => hexOf("helium", 16), gateway: "11bx7PjL3rTVWdKvoTvzAQ2ga",
    body: (eui) => ({
      id: "8c7b2f0c-7ad4-4d68-a1a0-0e1d0f6ed3f1", name: "kitchen", dev_eui: eui.toUpperCase(), app_eui: "6081F92A22F6421C",
      devaddr: "48000000", fcnt: 42, port: 2, payload: frame.toString("base64"), payload_size: frame.length, reported_at: ms,
      hotspots: [{ id: "11bx7PjL3rTVWdKvoTvzAQ2ga", name: "cool-fern-owl", frequency: 868.1, spreading: "SF7BW125",
                   rssi: -97, snr: 7.5, reported_at: ms, status: "success", channel: 0 },
                 { id: "112dLPQ8VkHxqJ8y", name: "tall-green-fox", frequency: 868.1, spreading: "SF7BW125",
                   rssi: -112, snr: -3, reported_at: ms, status: "success", channel: 0 }],
    }) },
  // a "gw" message: the frame with its radio data; data in upper-case hex, stored lower case
  loriot: { id: "b17000000000000000000005", serial: () => hexOf("loriot", 16),
    body: (eui) => ({
      cmd: "gw", EUI: eui.toUpperCase(), ts: ms, ack: false, fcnt: 42, port: 2, data: frame.toString("hex").toUpperCase(),
      freq: 868100000, dr: "SF7 BW125 4/5",
      gws: [{ rssi: -112, snr: -3, ts: ms, gweui: "B827EBFFFE000002" }, { rssi: -97, snr: 7.5, ts: ms, gweui: gatewayEui }],
    }) },
  thingpark: { id: "b17000000000000000000006", serial: () => hexOf("thingpark", 16), lacks: ["rx_bw"], gateway: "ff0109a4",
    body: (eui) => ({ DevEUI_uplink: {
      Time: "2026-12-07T10:00:00.123+00:00", DevEUI: eui.toUpperCase(), FPort: 2, FCntUp: 42, MType: 4,
      payload_hex: frame.toString("hex"), LrrRSSI: -97, LrrSNR: 7.5, Lrrid: "FF0109A4", SpFact: 7, SubBand: "G1",
      Channel: "LC1", Frequency: 868.1, DevLrrCnt: 2,
      Lrrs: { Lrr: [{ Lrrid: "FF0109A4", Chain: 0, LrrRSSI: -97, LrrSNR: 7.5 }, { Lrrid: "FF0109A5", Chain: 0, LrrRSSI: -112, LrrSNR: -3 }] },
    } }) },
  everynet: { id: "b17000000000000000000007", serial: () => hexOf("everynet", 16),
    body: (eui) => ({
      type: "uplink",
      meta: { network: "n1", packet_hash: "ab12", application: "app1", device_addr: "48000000", device: eui.toLowerCase(),
              packet_id: "p1", gateway: gatewayEui.toLowerCase(), time: ms / 1000 },
      params: { payload: frame.toString("base64"), port: 2, counter_up: 42, duplicate: false, rx_time: ms / 1000,
                encrypted_payload: "AAAA", radio: { freq: 868.1, datarate: 5, size: frame.length,
                  modulation: { type: "LORA", bandwidth: 125000, spreading: 7, coderate: "4/5" },
                  hardware: { status: 1, chain: 0, tmst: 1, snr: 7.5, rssi: -97, channel: 0 } } },
    }) },
  // the body docs/networks/sigfox.md gives to paste as the callback's: rssi and snr as the backend writes them
  sigfox: { id: "b17000000000000000000008", serial: () => hexOf("sigfox", 8), gateway: "0a1b",
    lacks: ["fport", "rx_frequency", "rx_sf", "rx_bw"], time: "2026-12-07T10:00:00.000Z",
    body: (id) => ({ device: id.toUpperCase(), time: Math.floor(ms / 1000), data: frame.toString("hex"), seqNumber: 42,
                     deviceTypeId: "5e5f0c9e0a1b", station: "0A1B", rssi: "-97.00", snr: "7.50" }) },
  "http-json": { id: "b17000000000000000000009", serial: () => `meter-${run}`,
    body: (serial) => ({ serial, payload: frame.toString("base64"), encoding: "base64", fport: 2, fcnt: 42,
                         time: receivedAt, rssi: -97, snr: 7.5, gateway: gatewayEui, frequency: 868100000, sf: 7, bw: 125000 }) },
};

let authorization;
let connector;
const devices = {};

test("a connector on every built-in network, a device on each, a service authorization", async () => {
  ({ connector } = await created(profile, "/integration/connector", {
    name: `sensor ${run}`, networks: Object.values(NETWORKS).map((n) => n.id),
    payload_decoder: Buffer.from(codec).toString("base64") }));
  for (const [name, network] of Object.entries(NETWORKS)) {
    // a DevEUI typed as people copy it from a console: lower case with hyphens; the mask stores it upper case
    const serial = network.serial();
    const typed = /^[0-9a-f]{16}$/.test(serial) ? serial.match(/../g).join("-") : serial;
    const made = await created(profile, "/device", { name: `${name} ${run}`, network: network.id, connector,
      serie_number: typed });
    devices[name] = { serial, token: made.token };
  }
  authorization = (await created(profile, "/serviceauth", { name: "LNS webhooks" })).token;
});

for (const [name, network] of Object.entries(NETWORKS)) {
  test(`${name}: the network server's webhook body is stored on the device its serial names, rx_* included`, async () => {
    const answer = await eventually(async () => {
      const posted = await webhook(network.id, network.body(devices[name].serial));
      assert.equal(posted.status, 202, JSON.stringify(posted.json));
      return posted;
    }, 40);
    assert.equal(answer.json.result, "1 Data Added");
    const has = ALL.filter((variable) => !(network.lacks ?? []).includes(variable));
    const stored = await points(devices[name].token, ["temperature", "humidity", ...has]);
    devices[name].stored = stored;
    assert.equal(stored.temperature.value, 24.01);
    assert.equal(stored.humidity.value, 50.13);
    assert.equal(stored.payload.value, "0109611395ab", "lower-case hex");
    if (has.includes("fport")) assert.equal(stored.fport.value, 2);
    assert.equal(stored.fcnt.value, 42);
    assert.equal(stored.rx_rssi.value, -97, "the best gateway's");
    assert.equal(stored.rx_snr.value, 7.5);
    assert.equal(stored.rx_gateway.value, network.gateway ?? gatewayEui.toLowerCase());
    if (has.includes("rx_frequency")) assert.equal(stored.rx_frequency.value, 868100000, "Hz");
    if (has.includes("rx_sf")) assert.equal(stored.rx_sf.value, 7);
    if (has.includes("rx_bw")) assert.equal(stored.rx_bw.value, 125000, "Hz");
    assert.equal(stored.temperature.time, stored.rx_rssi.time);
    assert.equal(new Date(stored.temperature.time).toISOString(), network.time ?? receivedAt,
      "the network server's reception time");
  });
}

test("the same frame gives the same points whichever network server sent it", () => {
  const shape = (stored, leave) => Object.fromEntries(Object.entries(stored)
    .filter(([variable]) => !leave.includes(variable))
    .map(([variable, point]) => [variable, [point.value, point.unit ?? null, point.time]]));
  const reference = devices["the-things-stack-v3"].stored;
  for (const [name, network] of Object.entries(NETWORKS)) {
    // what a network cannot say, its own kind of gateway id, and Sigfox's whole seconds aside
    const leave = [...(network.lacks ?? []), ...(network.gateway ? ["rx_gateway"] : [])];
    const theirs = shape(devices[name].stored, leave);
    const ours = shape(reference, [...leave, ...ALL.filter((v) => !(v in devices[name].stored))]);
    if (network.time) {
      for (const point of [...Object.values(theirs), ...Object.values(ours)]) point[2] = point[2].slice(0, 19);
    }
    assert.deepEqual(theirs, ours, name);
  }
});

test("TagoIO's middleware item (actility_payload: the webhook's JSON as a string) gives the same points", async () => {
  const serial = hexOf("thingpark-tago", 16);
  const device = await created(profile, "/device", { name: `tago item ${run}`, network: NETWORKS.thingpark.id,
    connector, serie_number: serial });
  const posted = await webhook(NETWORKS.thingpark.id,
    [{ variable: "actility_payload", value: JSON.stringify(NETWORKS.thingpark.body(serial)) }]);
  assert.equal(posted.status, 202, JSON.stringify(posted.json));
  const stored = await points(device.token, ["temperature", "payload", "rx_rssi"]);
  assert.equal(stored.temperature.value, 24.01);
  assert.equal(stored.payload.value, devices.thingpark.stored.payload.value);
  assert.equal(stored.rx_rssi.time, devices.thingpark.stored.rx_rssi.time);
});

test("The Things Stack with \"filter event data\" leaving the ids out: the DevEUI of the URL's path names the device", async () => {
  const tts = NETWORKS["the-things-stack-v3"];
  const eui = hexOf("filtered", 16).toUpperCase();
  const device = await created(profile, "/device", { name: `filtered ${run}`, network: tts.id, connector, serie_number: eui });
  const { end_device_ids: ids, ...filtered } = tts.body(eui);
  assert.ok(ids && !("end_device_ids" in filtered));
  // the webhook's uplink path /uplink{/devEUI}, as The Things Stack expands it
  const response = await fetch(`${base}/integration/network/${tts.id}/uplink/${eui}`, { method: "POST",
    headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(filtered) });
  assert.equal(response.status, 202, await response.text());
  const stored = await points(device.token, ["temperature", "rx_rssi"]);
  assert.equal(stored.temperature.value, 24.01);
  assert.equal(stored.rx_rssi.value, -97);
});

test("a ChirpStack event that is not an uplink stores nothing and is answered like one", async () => {
  const join = { deduplicationId: "d2", time: receivedAt, devAddr: "00189440",
    deviceInfo: { devEui: devices["chirpstack-v4"].serial, deviceName: "kitchen" } };
  const posted = await webhook(NETWORKS["chirpstack-v4"].id, join);
  assert.equal(posted.status, 202, JSON.stringify(posted.json));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { json } = await call("GET", "/data?variable=fcnt&qty=10", devices["chirpstack-v4"].token);
  assert.equal(json.result.length, 1, "only the uplink's frame counter: " + JSON.stringify(json.result));
});

test("a webhook with an unknown DevEUI goes to the DLQ and shows in the network's health, for its profile only", async () => {
  const tts = NETWORKS["the-things-stack-v3"].id;
  const health = async (token) => {
    const answer = await call("GET", `/integration/network/${tts}/health`, token);
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    return answer.json.result;
  };
  // this profile's TTS uplinks so far (the tests above): stored, none dead-lettered
  const before = await health(profile);
  assert.ok(before.counts.stored >= 1, JSON.stringify(before));
  assert.equal(before.counts.dead_letter, 0, JSON.stringify(before));
  const unknown = hexOf("nobody", 16);
  const posted = await webhook(tts, NETWORKS["the-things-stack-v3"].body(unknown));
  assert.equal(posted.status, 202, "accepted: the device is looked for after Kafka has the body");
  const after = await eventually(async () => {
    const now = await health(profile);
    assert.equal(now.counts.dead_letter, 1, JSON.stringify(now));
    return now;
  });
  assert.match(after.last_error, new RegExp(`unknown serial '${unknown.toUpperCase()}'`));
  assert.ok(Date.parse(after.last_error_at) >= Date.parse(before.last_success_at), JSON.stringify(after));
  assert.equal(after.counts.stored, before.counts.stored);
  // another profile sees the built-in network's health of its own uplinks: none
  const other = await health(profileToken(`builtin-other-${run}`));
  assert.deepEqual(other.counts, { stored: 0, parse_error: 0, dead_letter: 0, duplicate: 0 });
  assert.equal(other.last_error, null);
});

test("nobody edits a built-in network", async () => {
  const answer = await call("PUT", `/integration/network/${NETWORKS["the-things-stack-v3"].id}`, profile, { name: "mine" });
  assert.equal(answer.status, 403, JSON.stringify(answer.json));
  assert.match(answer.json.message, /built-in The Things Stack v3 network/);
});
