// Idempotent retries (docs/ingest.md): a device that retries POST /data with the same Idempotency-Key — after a
// timeout, a 503, or a lost answer — stores its data once. Through the gateway, after `up`; run by
// `deploy/local/hexgate test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";

import { call, created, profileToken } from "./support.mjs";

const run = Date.now().toString(36);
const profile = profileToken(`idempotency-${run}`);

async function eventually(check, tries = 60) {
  for (let i = 1; ; i++) {
    try { return await check(); } catch (e) { if (i >= tries) throw e; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("a retry with the same Idempotency-Key is answered as the first and stores nothing twice", async () => {
  const { network } = await created(profile, "/integration/network", { name: "idempotency" });
  const { connector } = await created(profile, "/integration/connector", { name: "idempotency", networks: [network] });
  const { token } = await created(profile, "/device", { name: "retrying device", network, connector });
  const key = randomUUID();
  const data = [{ variable: "reading", value: 1 }, { variable: "reading", value: 2 }];
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await call("POST", "/data", token, data, { headers: { "Idempotency-Key": key } });
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.json, { status: true, result: "2 Data Added" });
  }
  await call("POST", "/data", token, [{ variable: "reading", value: 3 }], { headers: { "Idempotency-Key": randomUUID() } });
  await call("POST", "/data", token, [{ variable: "reading", value: 4 }]);
  const values = await eventually(async () => {
    const { json } = await call("GET", "/data?variable=reading&qty=100&ordination=ascending", token);
    assert.equal(json.result.length, 4, JSON.stringify(json.result));
    return json.result.map((point) => point.value);
  });
  // wait a little longer for a duplicate that would come late, then count again
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { json } = await call("GET", "/data?variable=reading&qty=100", token);
  assert.equal(json.result.length, 4);
  assert.deepEqual(values.sort(), [1, 2, 3, 4]);

  const refused = await call("POST", "/data", token, data, { headers: { "Idempotency-Key": "x".repeat(256) } });
  assert.equal(refused.status, 400);
  assert.match(refused.json.field_errors["Idempotency-Key"], /1 to 255 visible ASCII/);
});
