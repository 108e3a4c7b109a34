// The official TagoIO SDK against Hexgate's gateway, unmodified: TAGOIO_API points it at the base URL and it
// sends its lowercase `token` header as it does to api.tago.io. Run by `deploy/local/hexgate test` after `up`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Device, Network, Resources } from "@tago-io/sdk";

const runner = new URL("../local/hexgate", import.meta.url).pathname;
const run = Date.now().toString(36);
const token = (name) => execFileSync(runner, ["token", `${name}-${run}`]).toString().trim();
const alice = new Resources({ token: token("sdk-alice") });
const bob = new Resources({ token: token("sdk-bob") });

test("networks, connectors and devices through the SDK", async () => {
  const { network } = await alice.integration.networks.create({
    name: "SDK LoRaWAN",
    serial_number: { mask: "FF-FF-FF-FF-FF-FF-FF-FF", case: "upper", required: true },
    device_parameters: [{ name: "fport", type: "number", default: "1" }],
  });
  assert.match(network, /^[0-9a-f]{24}$/);

  const listed = await alice.integration.networks.list({
    page: 1, amount: 10, fields: ["id", "name"], filter: { name: "SDK*" }, orderBy: ["name", "asc"],
  });
  assert.deepEqual(listed, [{ id: network, name: "SDK LoRaWAN" }]);

  const info = await alice.integration.networks.info(network, ["id", "name", "serial_number"]);
  assert.deepEqual(Object.keys(info).sort(), ["id", "name", "serial_number"]);
  assert.equal(info.serial_number.mask, "FF-FF-FF-FF-FF-FF-FF-FF");

  const { connector } = await alice.integration.connectors.create({ name: "SDK sensor", networks: [network] });
  const device = await alice.devices.create({
    name: "SDK device", network, connector, serie_number: "08-86-ab-56-82-6c-f2-ee",
  });
  assert.match(device.token, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const [stored] = await alice.devices.list({ fields: ["id", "serie_number"], filter: { name: "SDK device" } });
  assert.deepEqual(stored, { id: device.device_id, serie_number: "0886AB56826CF2EE" });
});

test("a private network is invisible to another profile, and errors come back as TagoIO's", async () => {
  const { network } = await alice.integration.networks.create({ name: "private" });
  await assert.rejects(() => bob.integration.networks.info(network), /not found/);
  await assert.rejects(() => alice.integration.networks.create({ name: "" }), /name: is required/);
});

test("a network server resolves a serial to the device token with the SDK's Network class", async () => {
  const { network } = await alice.integration.networks.create({
    name: "SDK resolve", serial_number: { mask: "FF-FF-FF-FF", case: "upper" },
  });
  const { connector } = await alice.integration.connectors.create({ name: "SDK resolve", networks: [network] });
  const device = await alice.devices.create({ name: "resolvable", network, connector, serie_number: "ab-cd-ef-01" });

  // token-service learns of the network from hexgate.registry.changes: retry briefly.
  const networkToken = await eventually(async () => (await alice.integration.networks.tokenCreate(network, {
    name: "LNS", permission: "full", expire_time: "never",
  })).token);
  assert.match(networkToken, /^n-[0-9a-f]{32}$/);

  const server = new Network({ token: networkToken });
  assert.equal(await eventually(() => server.resolveToken("abcdef01")), device.token);
  assert.equal(await server.resolveToken("AB-CD-EF-01"), device.token);
  await assert.rejects(() => server.resolveToken("00000000"), /no device with serial/);
});

test("a device posts a raw payload with the SDK's Device class", async () => {
  const { network } = await alice.integration.networks.create({ name: "SDK data" });
  const { connector } = await alice.integration.connectors.create({ name: "SDK data", networks: [network] });
  const { token } = await alice.devices.create({ name: "poster", network, connector });
  const device = new Device({ token });
  assert.equal(await device.sendData({ variable: "payload", value: "0109611395" }), "1 Data Added");
  assert.equal(await device.sendData([{ variable: "a", value: 1 }, { variable: "b", value: 2 }]), "2 Data Added");
  await assert.rejects(() => new Device({ token: "00000000-0000-0000-0000-000000000000" }).sendData({ variable: "x", value: 1 }),
    /not accepted \(unknown or revoked token\)/);
});

test("a connector's decoder parses what the device posts, and the SDK reads the points back", async () => {
  const decoder = Buffer.from(`
    const raw = payload.find((item) => item.variable === 'payload');
    if (raw) {
      const bytes = Buffer.from(raw.value, 'hex');
      payload = [{ variable: 'temperature', value: bytes.readInt16BE(1) / 100, unit: 'C' },
                 { variable: 'humidity', value: bytes.readUInt16BE(3) / 100, unit: '%' }];
    }`).toString("base64");
  const { network } = await alice.integration.networks.create({ name: "SDK parsed" });
  const { connector } = await alice.integration.connectors.create({ name: "TH", networks: [network], payload_decoder: decoder });
  const { token } = await alice.devices.create({ name: "parsed", network, connector });
  const device = new Device({ token });
  assert.equal(await device.sendData({ variable: "payload", value: "0109611395a00b1c" }), "1 Data Added");
  const points = await eventually(async () => {
    const found = await device.getData({ variables: ["temperature", "humidity"], qty: 10 });
    if (found.length < 2) throw new Error(`only ${found.length} points so far`);
    return found;
  }, 100);
  const byVariable = Object.fromEntries(points.map((point) => [point.variable, point]));
  assert.equal(byVariable.temperature.value, 24.01);
  assert.equal(byVariable.humidity.value, 50.13);
  assert.equal(byVariable.humidity.unit, "%");
  const [last] = await device.getData({ variables: ["temperature"], query: "last_value" });
  assert.equal(last.value, 24.01);
  assert.equal(await device.deleteData({ variables: ["humidity"], qty: 1 }), "1 Data Removed");
});

async function eventually(action, attempts = 50) {
  for (let i = 1; ; i++) {
    try {
      return await action();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
