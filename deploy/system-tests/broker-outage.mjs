// Run alone, after the other system tests (`deploy/local/hexgate test` runs it last, it kills the broker): with the
// Kafka broker gone, every POST /data is answered — a 503 with Retry-After, the envelope — and none waits behind
// another. Before issue 16's fix a send waited for the broker's metadata on ingest-service's event loop, 1 s
// each, and a hundred concurrent requests were still unanswered 10 s later. Then the broker starts again and a
// device's data is accepted again. Node's file name keeps it out of `node --test`'s default run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

import { call, created, profileToken, runner } from "./support.mjs";

const state = process.env.HEXGATE_STATE_DIR ?? new URL("../local/.state", import.meta.url).pathname;
const run = Date.now().toString(36);
const profile = profileToken(`broker-outage-${run}`);

test("with the broker killed every POST /data is answered 503 with Retry-After, none left waiting", async () => {
  const { network } = await created(profile, "/integration/network", { name: "broker outage" });
  const { connector } = await created(profile, "/integration/connector", { name: "broker outage", networks: [network] });
  const devices = [];
  for (let i = 0; i < 20; i++) {
    devices.push((await created(profile, "/device", { name: `outage ${i}`, network, connector })).token);
  }
  assert.equal((await call("POST", "/data", devices[0], [{ variable: "before", value: 1 }])).status, 202);

  // the broker this runner started: one it found running (another checkout's, say) is not its to kill
  const pidFile = `${state}/pids/kafka.pid`;
  assert.ok(existsSync(pidFile), `no ${pidFile}: the broker on this port was not started by this checkout's runner `
    + "(another one's, reused); stop that one (its hexgate down) and run the tests again");
  process.kill(-Number(readFileSync(pidFile, "utf8").trim()), "SIGKILL");
  try {
    // a hundred requests at once, five per device (its limit): each must be answered within 10 s
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) =>
      call("POST", "/data", devices[i % devices.length], [{ variable: "during", value: i }],
        { signal: AbortSignal.timeout(10_000) })
        .catch((e) => ({ status: `no answer (${e.name})` }))));
    const unexpected = answers.filter((a) => a.status !== 503 || a.retryAfter === null || a.json?.status !== false);
    assert.deepEqual(unexpected.map((a) => `${a.status} retry-after=${a.retryAfter}`), [],
      "every request answered 503, with Retry-After, in the envelope");
  } finally {
    execFileSync(runner, ["restart", "kafka"], { stdio: "ignore" });
  }
  // the broker back: the device's data is accepted again (the producer reconnects by itself)
  let status;
  for (let i = 0; i < 240 && status !== 202; i++) {
    status = (await call("POST", "/data", devices[1], [{ variable: "after", value: i }])).status;
    if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.equal(status, 202, "POST /data accepted again once the broker is back");
});
