// What the benchmarks written in JavaScript share: the gateway's address and a registry call with a profile token.
export const GATEWAY = `http://127.0.0.1:${process.env.HEXGATE_GATEWAY_PORT ?? 8080}`;

/** A profile-token call in the TagoIO envelope; its result, or an error naming the call and the answer. */
export function registry(profileToken) {
  return async function api(method, path, body) {
    const response = await fetch(GATEWAY + path, {
      method, headers: { token: profileToken, "content-type": "application/json" }, body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json.result;
  };
}
