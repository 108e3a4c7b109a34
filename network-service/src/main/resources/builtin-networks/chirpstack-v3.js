// ChirpStack v3 (Application Server), HTTP integration, the "up" event: docs/networks/chirpstack.md. Input: the
// event's JSON — the "JSON" marshaler's (devEUI and gatewayID base64) or the legacy one's (hex) — or TagoIO's
// middleware item chirpstack_payload. objectJSON (ChirpStack's own codec ran) is kept in the payload's metadata.
var body = envelope('chirpstack_payload');
if (!body || typeof body !== 'object' || !body.devEUI || body.fCnt === undefined) {
  ignore('ChirpStack v3', body, 'not an up event');
} else {
  var devEui = hexId(body.devEUI);
  var gateways = body.rxInfo || [];
  var best = strongest(gateways, function (g) { return g.rssi; }) || {};
  var tx = body.txInfo || {};
  var lora = tx.loRaModulationInfo || {};
  uplink({
    network: 'chirpstack-v3', serial: devEui, time: body.publishedAt || best.time,
    hex: Buffer.from(body.data || '', 'base64').toString('hex'), fport: body.fPort || 0, fcnt: body.fCnt,
    rssi: best.rssi, snr: best.loRaSNR, gateway: best.gatewayID && hexId(best.gatewayID), frequency: tx.frequency,
    sf: lora.spreadingFactor, bw: lora.bandwidth === undefined ? undefined : lora.bandwidth * 1000, // kHz there
    metadata: { dev_eui: devEui, device_name: body.deviceName || null,
      application_id: body.applicationID === undefined ? null : String(body.applicationID),
      object_json: body.objectJSON || undefined, gateways: gateways.length }
  });
}
