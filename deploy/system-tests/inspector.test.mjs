// The Live Inspector (docs/inspector.md) against the running stack, through the gateway: the official TagoIO SDK's
// SSE listener (`SSE.openSSEListening`, unmodified) receives a device's request, raw payload, stage outputs, console
// lines, stored data and parse errors; another profile's channel is refused; a listener that reconnects with
// Last-Event-ID misses nothing; the history answers newest first with its filters; an unwatched device keeps its
// errors and a summary line, not full traces. Run by `deploy/local/hexgate test` after `up`.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { SSE } from "@tago-io/sdk";

import { base, call, created, profileToken } from "./support.mjs";

const run = Date.now().toString(36);
const alice = profileToken(`inspector-alice-${run}`);
const bob = profileToken(`inspector-bob-${run}`);
const base64 = (text) => Buffer.from(text).toString("base64");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Stream ids, <milliseconds>-<sequence>, in time order. */
const byId = (a, b) => { const [ta, sa] = a.split("-").map(BigInt); const [tb, sb] = b.split("-").map(BigInt);
  return ta === tb ? Number(sa - sb) : Number(ta - tb); };

// A decoder that says what it does, and fails on the frame "dead"
const decoder = `
  const frame = payload.find((item) => item.variable === "payload");
  console.log("decoding", frame.value);
  if (frame.value === "dead") throw new Error("bad frame " + frame.value);
  payload = [{ variable: "temperature", value: parseInt(frame.value.slice(0, 4), 16) / 100, unit: "C" }];`;

let watched;
let unwatched;

async function device(name) {
  const { network } = await created(alice, "/integration/network", { name: `inspector ${name} ${run}` });
  const { connector } = await created(alice, "/integration/connector", {
    name: `inspector ${name} ${run}`, networks: [network], payload_decoder: base64(decoder) });
  const made = await created(alice, "/device", { name: `inspector ${name} ${run}`, network, connector });
  return { id: made.device_id, token: made.token, network };
}

async function post(token, value) {
  const answer = await call("POST", "/data", token, { variable: "payload", value }, { headers: { "user-agent": "meter/1.0" } });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
}

async function eventually(check, tries = 80) {
  for (let i = 1; ; i++) {
    try { return await check(); } catch (e) { if (i >= tries) throw e; }
    await sleep(250);
  }
}

/** A stream read with fetch, as a browser's EventSource reads it: its messages with their ids, until closed. */
function stream(path, headers = {}) {
  const controller = new AbortController();
  const messages = [];
  const opened = fetch(`${base}${path}`, { headers, signal: controller.signal }).then(async (response) => {
    if (response.status !== 200) return response;
    (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = frame.match(/^id: (.*)$/m)?.[1];
            const data = frame.match(/^data: (.*)$/m)?.[1];
            if (data) messages.push({ id, ...JSON.parse(data) });
          }
        }
      } catch { /* aborted */ }
    })();
    return response;
  });
  return { opened, messages, close: () => controller.abort() };
}

before(async () => {
  watched = await device("watched");
  unwatched = await device("unwatched");
});

test("the SDK's SSE listener receives the request, raw payload, stage outputs, console lines, stored data and errors", async () => {
  const sse = await SSE.openSSEListening(
    [{ channel: "device_inspector", resource_id: watched.id }, { channel: "device_data", resource_id: watched.id }],
    { token: alice, region: { api: base, sse: `${base}/events` } });
  const received = [];
  sse.onmessage = (event) => received.push({ at: Date.now(), ...JSON.parse(event.data) });
  await new Promise((resolve, reject) => { sse.onopen = resolve; sse.onerror = reject; });
  try {
    await sleep(400); // parser-worker reads who is watched every 200 ms
    const posted = Date.now();
    await post(watched.token, "0961");
    await post(watched.token, "dead");
    const inspector = `device_inspector.${watched.id}`;
    const entries = () => received.filter((m) => m.channel === inspector).map((m) => m.payload);
    await eventually(() => assert.ok(entries().some((e) => e.level === "error"), JSON.stringify(entries())));
    const [good, bad] = [...new Set(entries().map((e) => e.connection_id))].map((id) => entries().filter((e) => e.connection_id === id));

    const request = good.find((e) => e.stage === "request");
    assert.equal(request.content.method, "POST");
    assert.equal(request.content.path, "/data");
    assert.equal(request.content.user_agent, "meter/1.0");
    assert.match(request.content.token_end, /^….{4}$/);
    assert.ok(!JSON.stringify(received).includes(watched.token), "a whole token reached the stream");
    assert.deepEqual(JSON.parse(request.content.body), { variable: "payload", value: "0961" });
    const connector = good.find((e) => e.stage === "connector");
    assert.deepEqual(connector.content, [{ variable: "temperature", value: 24.01, unit: "C" }]);
    assert.equal(typeof connector.duration_ms, "number");
    assert.ok(good.some((e) => e.stage === "console" && e.content === "decoding 0961"));
    const stored = good.find((e) => e.stage === "stored");
    assert.equal(stored.content[0].variable, "temperature");
    for (const entry of good) {
      assert.equal(entry.device_id, watched.id);
      for (const field of ["connection_id", "content", "timestamp", "title", "stage", "level"]) assert.ok(field in entry, field);
    }
    const data = received.find((m) => m.channel === `device_data.${watched.id}`);
    assert.equal(data.payload[0].value, 24.01);

    const failure = bad.find((e) => e.level === "error");
    assert.equal(failure.stage, "connector");
    assert.match(failure.message, /bad frame dead \(line \d+\)/);
    assert.ok(bad.some((e) => e.stage === "console" && e.content === "decoding dead"));
    const last = Math.max(...received.map((m) => m.at));
    console.log(`# inspector: post to the last message of both uplinks in ${last - posted} ms`);
  } finally {
    sse.close();
  }
});

test("another profile's channels are refused, and a channel that is none is named", async () => {
  for (const channels of [`device_inspector.${watched.id}`, `device_data.${watched.id}`]) {
    const refused = await fetch(`${base}/events?channels=${channels}&token=${bob}`);
    assert.equal(refused.status, 404);
    assert.match((await refused.json()).message, /not found among this profile's devices/);
  }
  assert.equal((await call("GET", `/device/${watched.id}/inspector`, bob)).status, 404);
  const unknown = await fetch(`${base}/events?channels=device_inspector.${watched.id},gossip.${watched.id}&token=${alice}`);
  assert.equal(unknown.status, 400);
  assert.equal((await unknown.json()).field_errors.channels.includes(`gossip.${watched.id}`), true);
  assert.equal((await fetch(`${base}/events?channels=device_inspector.${watched.id}`)).status, 401);
});

test("a listener that reconnects with Last-Event-ID misses nothing that happened while it was away", async () => {
  const path = `/events?channels=device_inspector.${watched.id}&token=${alice}`;
  const first = stream(path);
  assert.equal((await first.opened).status, 200);
  await sleep(400);
  await post(watched.token, "0a00");
  await eventually(() => assert.ok(first.messages.some((m) => m.payload.stage === "stored")));
  const lastId = first.messages.at(-1).id;
  first.close();

  for (const value of ["0b00", "0c00", "dead"]) await post(watched.token, value);
  await eventually(async () => {
    const { json } = await call("GET", `/device/${watched.id}/inspector?q=decoding%20dead&limit=5`, alice);
    assert.ok(json.result.filter((e) => byId(e.id, lastId) > 0).length >= 1);
  });
  const again = stream(path, { "Last-Event-ID": lastId });
  assert.equal((await again.opened).status, 200);
  await eventually(() => assert.equal(again.messages.filter((m) => m.payload.stage === "request").length, 3));
  again.close();
  const bodies = again.messages.filter((m) => m.payload.stage === "request").map((m) => JSON.parse(m.payload.content.body).value);
  assert.deepEqual(bodies, ["0b00", "0c00", "dead"]);
  assert.ok(again.messages.every((m) => m.payload.connection_id !== first.messages.at(-1).payload.connection_id),
    "an entry sent before the reconnection was sent again");

  const garbled = await fetch(`${base}${path}`, { headers: { "Last-Event-ID": "yesterday" } });
  assert.equal(garbled.status, 400);
  assert.match((await garbled.json()).message, /Last-Event-ID: 'yesterday'/);
});

test("the history answers newest first, with its filters", async () => {
  const { status, json } = await call("GET", `/device/${watched.id}/inspector?limit=500`, alice);
  assert.equal(status, 200);
  const ids = json.result.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => byId(b, a)), "not newest first");
  const errors = (await call("GET", `/device/${watched.id}/inspector?level=error`, alice)).json.result;
  assert.ok(errors.length >= 2 && errors.every((e) => e.level === "error"));
  const stored = (await call("GET", `/device/${watched.id}/inspector?stage=stored&limit=2`, alice)).json.result;
  assert.equal(stored.length, 2);
  assert.ok(stored.every((e) => e.stage === "stored"));
  const future = (await call("GET", `/device/${watched.id}/inspector?since=2099-01-01T00:00:00Z`, alice)).json.result;
  assert.deepEqual(future, []);
  const refused = await call("GET", `/device/${watched.id}/inspector?limit=501&level=loud&since=soon`, alice);
  assert.equal(refused.status, 400);
  assert.deepEqual(Object.keys(refused.json.field_errors).sort(), ["level", "limit", "since"]);
});

test("an unwatched device keeps its errors and one summary line per uplink, not full traces", async () => {
  await post(unwatched.token, "0961");
  await post(unwatched.token, "dead");
  const history = await eventually(async () => {
    const { json } = await call("GET", `/device/${unwatched.id}/inspector`, alice);
    assert.ok(json.result.some((e) => e.stage === "stored") && json.result.some((e) => e.level === "error"),
      JSON.stringify(json.result));
    return json.result;
  });
  assert.deepEqual(history.filter((e) => ["request", "connector", "console"].includes(e.stage) && e.level === "info"), []);
  const summary = history.find((e) => e.stage === "stored");
  assert.equal(summary.message, "1 data stored");
  assert.equal(typeof summary.duration_ms, "number");
  assert.match(history.find((e) => e.level === "error").message, /bad frame dead/);

  // a timed window traces it in full with nobody watching live
  const window = await call("PUT", `/device/${unwatched.id}/inspector/window`, alice, { minutes: 5 });
  assert.equal(window.status, 200);
  assert.ok(Date.parse(window.json.result.watched_until) > Date.now() + 4 * 60_000);
  await sleep(400);
  await post(unwatched.token, "0a0a");
  await eventually(async () => {
    const { json } = await call("GET", `/device/${unwatched.id}/inspector?stage=request`, alice);
    assert.equal(json.result.length, 1);
    assert.equal(JSON.parse(json.result[0].content.body).value, "0a0a");
  });
  assert.equal((await call("PUT", `/device/${unwatched.id}/inspector/window`, alice, { minutes: 0 })).json.result.watched_until, null);
});
