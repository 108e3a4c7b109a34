// Everynet, an HTTP connection's "uplink" message: docs/networks/everynet.md. Input: the message's JSON, or TagoIO's
// middleware item everynet_payload. params.payload is base64, rx_time in seconds, radio.freq in MHz; radio.hardware
// is the gateway that heard the frame (meta.gateway).
var body = envelope('everynet_payload');
if (!body || typeof body !== 'object' || body.type !== 'uplink' || !body.meta || !body.params) {
  ignore('Everynet', body, 'not an uplink message');
} else {
  var params = body.params;
  var radio = params.radio || {};
  var hardware = radio.hardware || {};
  var modulation = radio.modulation || {};
  uplink({
    network: 'everynet', serial: body.meta.device, time: isoTime(params.rx_time, true),
    hex: Buffer.from(params.payload || '', 'base64').toString('hex'), fport: params.port || 0,
    fcnt: params.counter_up, rssi: hardware.rssi, snr: hardware.snr, gateway: body.meta.gateway,
    frequency: megahertz(radio.freq), sf: modulation.spreading, bw: modulation.bandwidth,
    metadata: { dev_eui: body.meta.device, application: body.meta.application || null,
      packet_hash: body.meta.packet_hash || null }
  });
}
