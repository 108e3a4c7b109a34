// Helium (the legacy Console's HTTP integration): docs/networks/helium.md. Input: the integration's JSON, or
// TagoIO's middleware item helium_payload. payload is base64, port the LoRaWAN port, hotspots[] the hotspots that
// heard the frame (frequency in MHz, "SF7BW125"), reported_at in milliseconds.
var body = envelope('helium_payload');
if (!body || typeof body !== 'object' || !body.dev_eui || body.payload === undefined) {
  ignore('Helium', body, 'not an uplink');
} else {
  var hotspots = body.hotspots || [];
  var best = strongest(hotspots, function (h) { return h.rssi; }) || {};
  var rate = dataRate(best.spreading);
  uplink({
    network: 'helium', serial: body.dev_eui, time: isoTime(body.reported_at, false),
    hex: Buffer.from(body.payload || '', 'base64').toString('hex'), fport: body.port || 0, fcnt: body.fcnt,
    rssi: best.rssi, snr: best.snr, gateway: best.id, frequency: megahertz(best.frequency), sf: rate.sf, bw: rate.bw,
    metadata: { dev_eui: body.dev_eui, device_name: body.name || null, app_eui: body.app_eui || null,
      gateways: hotspots.length }
  });
}
