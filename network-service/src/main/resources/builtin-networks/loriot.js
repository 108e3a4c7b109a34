// LORIOT, an application output of uplink messages ("rx") or of gateway information ("gw", the frame with its radio
// data): docs/networks/loriot.md. Input: the message's JSON, or TagoIO's middleware item loriot_payload. data is hex
// (present when LORIOT holds the AppSKey), ts in milliseconds, freq in Hz, dr "SF7 BW125 4/5", gws[] the gateways.
var body = envelope('loriot_payload');
if (!body || typeof body !== 'object' || (body.cmd !== 'rx' && body.cmd !== 'gw') || !body.EUI) {
  ignore('LORIOT', body, 'not an uplink message (cmd rx or gw)');
} else if (body.data === undefined && body.encdata !== undefined) {
  throw new Error('LORIOT sent the payload encrypted (encdata): give LORIOT the device\'s AppSKey so that it sends data');
} else {
  var gateways = body.gws || [];
  var best = strongest(gateways, function (g) { return g.rssi; }) || { rssi: body.rssi, snr: body.snr };
  var rate = dataRate(body.dr);
  uplink({
    network: 'loriot', serial: body.EUI, time: isoTime(body.ts, false), hex: body.data || '',
    fport: body.port || 0, fcnt: body.fcnt, rssi: best.rssi, snr: best.snr, gateway: best.gweui,
    frequency: body.freq, sf: rate.sf, bw: rate.bw,
    metadata: { dev_eui: body.EUI, cmd: body.cmd, gateways: gateways.length }
  });
}
