// A generic HTTP/JSON network: for a gateway or a network server of your own that posts one JSON object per frame,
// in the canonical names (docs/networks/http-json.md): serial, payload (hex, or base64 with "encoding":"base64"),
// and optionally fport, fcnt, time (ISO 8601 or milliseconds), rssi, snr, gateway, frequency (Hz), sf, bw (Hz) and
// metadata (an object, kept with the payload).
var body = envelope('http_json_payload');
if (!body || typeof body !== 'object' || body.serial === undefined || body.payload === undefined) {
  throw new Error('a generic HTTP/JSON uplink is one object with "serial" and "payload" (docs/networks/http-json.md)');
}
var encoding = body.encoding === undefined ? 'hex' : String(body.encoding);
if (encoding !== 'hex' && encoding !== 'base64') {
  throw new Error('"encoding" must be hex or base64, got ' + JSON.stringify(body.encoding).slice(0, 40));
}
var extra = {};
if (body.metadata && typeof body.metadata === 'object') {
  for (var key in body.metadata) extra[key] = body.metadata[key];
}
uplink({
  network: 'http-json', serial: body.serial, time: isoTime(body.time, false),
  hex: encoding === 'base64' ? Buffer.from(String(body.payload), 'base64').toString('hex') : String(body.payload),
  fport: body.fport, fcnt: body.fcnt, rssi: body.rssi, snr: body.snr, gateway: body.gateway,
  frequency: body.frequency, sf: body.sf, bw: body.bw, metadata: extra
});
