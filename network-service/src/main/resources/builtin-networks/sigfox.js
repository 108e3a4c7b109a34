// Sigfox, a custom HTTP callback of the Sigfox backend (POST, application/json): docs/networks/sigfox.md. The body
// is the one the docs give to paste: device, time (seconds), data (hex), seqNumber, and station, rssi, snr when the
// callback is of the "data / bidir" kind with them. A Sigfox frame has no port: fport is left out.
var body = envelope('sigfox_payload');
if (!body || typeof body !== 'object' || !body.device || body.data === undefined) {
  ignore('Sigfox', body, 'not a data callback (device, data)');
} else {
  uplink({
    network: 'sigfox', serial: String(body.device).toUpperCase(), time: isoTime(body.time, true), hex: body.data,
    fcnt: body.seqNumber, rssi: body.rssi, snr: body.snr, gateway: body.station,
    metadata: { device: String(body.device).toUpperCase(), device_type: body.deviceTypeId || null }
  });
}
