// ChirpStack v4, HTTP integration (JSON marshaler), the "up" event: docs/networks/chirpstack.md. Input: the event's
// JSON, or TagoIO's middleware item chirpstack_payload. Other events (join, status, ack, txack, log, location) have
// no frame counter: shown on the network's inspector, nothing stored.
var body = envelope('chirpstack_payload');
if (!body || typeof body !== 'object' || !body.deviceInfo || body.fCnt === undefined) {
  ignore('ChirpStack', body, 'not an up event');
} else {
  var gateways = body.rxInfo || [];
  var best = strongest(gateways, function (g) { return g.rssi; }) || {};
  var tx = body.txInfo || {};
  var lora = tx.modulation && tx.modulation.lora || {};
  uplink({
    network: 'chirpstack-v4', serial: body.deviceInfo.devEui, time: body.time,
    hex: Buffer.from(body.data || '', 'base64').toString('hex'), fport: body.fPort || 0, fcnt: body.fCnt,
    rssi: best.rssi, snr: best.snr, gateway: best.gatewayId, frequency: tx.frequency,
    sf: lora.spreadingFactor, bw: lora.bandwidth,
    metadata: { dev_eui: body.deviceInfo.devEui, device_name: body.deviceInfo.deviceName || null,
      application_id: body.deviceInfo.applicationId || null, deduplication_id: body.deduplicationId || null,
      gateways: gateways.length }
  });
}
