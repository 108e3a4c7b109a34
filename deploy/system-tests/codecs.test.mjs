// Codecs of other ecosystems, pasted in unmodified (docs/codecs.md): one frame decoded by a connector written as a
// TS013 / The Things Stack / ChirpStack v4 decodeUplink, a ChirpStack v3 Decode, a TTN v2 Decoder and a TagoIO script
// gives the same points; a codec's errors give a parse_error with the raw payload; a 200 kB codec runs. Through the
// gateway, by plain HTTP, after `up`; run by `deploy/local/hexgate test`.
import { test } from "node:test";
import assert from "node:assert/strict";

import { call, created, profileToken } from "./support.mjs";

const run = Date.now().toString(36);
const profile = profileToken(`codecs-${run}`);
const base64 = (source) => Buffer.from(source).toString("base64");

async function eventually(check, tries = 120) {
  for (let i = 1; ; i++) {
    try { return await check(); } catch (e) { if (i >= tries) throw e; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A device of a new connector with this decoder; returns its token. */
async function deviceWith(name, decoder) {
  const { network } = await created(profile, "/integration/network", { name: `codec ${name}` });
  const { connector } = await created(profile, "/integration/connector", {
    name: `codec ${name}`, networks: [network], payload_decoder: base64(decoder) });
  const { token } = await created(profile, "/device", { name: `codec ${name}`, network, connector,
    params: [{ key: "scale", value: "100" }] });
  return token;
}

/** What a LoRaWAN network stage leaves: the frame as hex and the port. */
const uplink = [{ variable: "payload", value: "0109611395" }, { variable: "fport", value: 2 }];

async function points(token, variables) {
  return eventually(async () => {
    const { json } = await call("GET", `/data?${variables.map((v) => `variable=${v}`).join("&")}&qty=10`, token);
    assert.equal(json.result.length, variables.length, JSON.stringify(json.result));
    return Object.fromEntries(json.result.map((point) => [point.variable, point]));
  });
}

const codecs = {
  "TS013 decodeUplink": `
    function decodeUplink(input) {
      var scale = Number(input.variables.scale);
      if (input.fPort !== 2) return { errors: ["unknown fPort " + input.fPort] };
      return { data: { temperature: ((input.bytes[1] << 8) | input.bytes[2]) / scale,
                       humidity: ((input.bytes[3] << 8) | input.bytes[4]) / scale } };
    }
    function encodeDownlink(input) { return { bytes: [], fPort: 1 }; }`,
  "ChirpStack v3 Decode": `
    function Decode(fPort, bytes, variables) {
      return { temperature: ((bytes[1] << 8) | bytes[2]) / Number(variables.scale),
               humidity: ((bytes[3] << 8) | bytes[4]) / Number(variables.scale) };
    }`,
  "TTN v2 Decoder": `
    function Decoder(bytes, port) {
      var decoded = {};
      decoded.temperature = ((bytes[1] << 8) | bytes[2]) / 100;
      decoded.humidity = ((bytes[3] << 8) | bytes[4]) / 100;
      return decoded;
    }`,
  "TagoIO script": `
    const raw = payload.find((item) => item.variable === 'payload');
    const bytes = Buffer.from(raw.value, 'hex');
    payload = payload.concat([{ variable: 'temperature', value: bytes.readInt16BE(1) / 100 },
                              { variable: 'humidity', value: bytes.readUInt16BE(3) / 100 }]);`,
};

for (const [kind, decoder] of Object.entries(codecs)) {
  test(`a connector written as a ${kind} gives the documented points`, async () => {
    const token = await deviceWith(kind, decoder);
    const answer = await call("POST", "/data", token, uplink);
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    const stored = await points(token, ["temperature", "humidity", "fport"]);
    assert.equal(stored.temperature.value, 24.01);
    assert.equal(stored.humidity.value, 50.13);
    assert.equal(stored.fport.value, 2);
    assert.equal(stored.temperature.group, stored.fport.group, "one group per uplink");
  });
}

test("a codec's errors give a parse_error holding the raw payload", async () => {
  const token = await deviceWith("errors", codecs["TS013 decodeUplink"]);
  const body = [{ variable: "payload", value: "0109611395" }, { variable: "fport", value: 9 }];
  assert.equal((await call("POST", "/data", token, body)).status, 202);
  const { parse_error: error } = await points(token, ["parse_error"]);
  assert.equal(error.value, "Error: decodeUplink: unknown fPort 9");
  assert.equal(error.metadata.stage, "connector");
  assert.deepEqual(JSON.parse(error.metadata.raw), body);
});

test("a 200 kB codec is stored and runs", async () => {
  // a lookup table as codecs carry them (calibration curves, vendor enums), 200 kB of source
  const table = Array.from({ length: 52_000 }, (_, i) => (i * 7) % 1000).join(",");
  const decoder = `const TABLE = [${table}];\n${codecs["TS013 decodeUplink"].replace(
    "humidity:", "calibrated: TABLE[input.bytes[0] * 1000 + 3], humidity:")}`;
  assert.ok(Buffer.byteLength(decoder) > 200_000, `${Buffer.byteLength(decoder)} bytes`);
  const token = await deviceWith("200 kB", decoder);
  assert.equal((await call("POST", "/data", token, uplink)).status, 202);
  const stored = await points(token, ["temperature", "calibrated"]);
  assert.equal(stored.temperature.value, 24.01);
  assert.equal(stored.calibrated.value, (1003 * 7) % 1000);
});
