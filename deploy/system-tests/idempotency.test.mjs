// Idempotent retries (docs/ingest.md): a device that retries POST /data with the same Idempotency-Key — after a
// timeout, a 503, or a lost answer — stores its data once. Through the gateway, after `up`; run by
// `deploy/local/hexgate test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";

const base = process.env.TAGOIO_API ?? "http://127.0.0.1:8080";
const runner = new URL("../local/hexgate", import.meta.url).pathname;
const run = Date.now().toString(36);
const profile = execFileSync(runner, ["token", `idempotency-${run}`]).toString().trim();

async function call(method, path, token, body, headers = {}) {
  const response = await fetch(`${base}${path}`, { method, headers: { token, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

async function eventually(check, tries = 60) {
  for (let i = 1; ; i++) {
    try { return await check(); } catch (e) { if (i >= tries) throw e; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("a retry with the same Idempotency-Key is answered as the first and stores nothing twice", async () => {
  const created = async (path, body) => {
    const answer = await call("POST", path, profile, body);
    assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.json)}`);
    return answer.json.result;
  };
  const { network } = await created("/integration/network", { name: "idempotency" });
  const { connector } = await created("/integration/connector", { name: "idempotency", networks: [network] });
  const { token } = await created("/device", { name: "retrying device", network, connector });
  const key = randomUUID();
  const data = [{ variable: "reading", value: 1 }, { variable: "reading", value: 2 }];
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await call("POST", "/data", token, data, { "Idempotency-Key": key });
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.json, { status: true, result: "2 Data Added" });
  }
  await call("POST", "/data", token, [{ variable: "reading", value: 3 }], { "Idempotency-Key": randomUUID() });
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

  const refused = await call("POST", "/data", token, data, { "Idempotency-Key": "x".repeat(256) });
  assert.equal(refused.status, 400);
  assert.match(refused.json.field_errors["Idempotency-Key"], /1 to 255 visible ASCII/);
});
