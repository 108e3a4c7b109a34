// What the system tests share: the gateway's address, a call in the TagoIO envelope, a profile token minted by the
// runner, and registry objects made with it. Not a test file (node --test's default run leaves it out).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

export const base = process.env.TAGOIO_API ?? "http://127.0.0.1:8080";
export const runner = new URL("../local/hexgate", import.meta.url).pathname;

/** A profile token of a fresh profile named `name`, signed by the runner's key. */
export function profileToken(name) {
  return execFileSync(runner, ["token", name]).toString().trim();
}

/** One request with a `token` header and a JSON body: its status, Retry-After and JSON answer. */
export async function call(method, path, token, body, { headers = {}, signal } = {}) {
  const response = await fetch(`${base}${path}`, { method, headers: { token, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body), signal });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), json: await response.json() };
}

/** Creates a registry object with a profile token (201 expected) and returns the answer's result. */
export async function created(profile, path, body) {
  const answer = await call("POST", path, profile, body);
  assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.json)}`);
  return answer.json.result;
}
