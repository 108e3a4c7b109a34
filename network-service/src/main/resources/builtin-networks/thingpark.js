// Actility ThingPark, the DevEUI_uplink message of an HTTP application server route: docs/networks/thingpark.md.
// Input: the message's JSON, or TagoIO's middleware item actility_payload. payload_hex is hex, Frequency in MHz,
// SpFact the spreading factor, Lrrs.Lrr[] the base stations that heard the frame (Lrrid, LrrRSSI, LrrSNR).
var message = envelope('actility_payload');
var body = message && message.DevEUI_uplink;
if (!body || typeof body !== 'object' || !body.DevEUI) {
  ignore('ThingPark', message, 'not a DevEUI_uplink message');
} else {
  var stations = body.Lrrs && body.Lrrs.Lrr || [];
  var best = strongest(stations, function (s) { return s.LrrRSSI; })
    || { Lrrid: body.Lrrid, LrrRSSI: body.LrrRSSI, LrrSNR: body.LrrSNR };
  uplink({
    network: 'thingpark', serial: body.DevEUI, time: body.Time, hex: body.payload_hex || '',
    fport: body.FPort || 0, fcnt: body.FCntUp, rssi: best.LrrRSSI, snr: best.LrrSNR, gateway: best.Lrrid,
    frequency: megahertz(body.Frequency), sf: body.SpFact,
    metadata: { dev_eui: body.DevEUI, dev_addr: body.DevAddr || null, gateways: stations.length }
  });
}
