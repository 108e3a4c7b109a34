// Hexgate built-in network: ChirpStack v4, HTTP integration (JSON marshaler), the "up" event.
// docs/networks/chirpstack.md. Input: the event's JSON (payload = [body]), or TagoIO's middleware item
// {variable: 'chirpstack_payload', value: '<the event JSON as a string>'}. Output: one canonical uplink —
// payload (lower-case hex), fport, fcnt and the rx_* items — and the device's serial, its DevEUI. Other events
// (join, status, ack, txack, log, location) are shown on the network's inspector and store nothing.
(function () {
  var items = Array.isArray(payload) ? payload : [payload];
  var body = items[0];
  for (var i = 0; i < items.length; i++) {
    if (items[i] && items[i].variable === 'chirpstack_payload') {
      body = JSON.parse(String(items[i].value));
    }
  }
  // an up event has a frame counter and the device; join events have devAddr, status events margin, …
  if (!body || typeof body !== 'object' || !body.deviceInfo || body.fCnt === undefined) {
    console.log('ChirpStack: not an up event, ignored: ' + JSON.stringify(body).slice(0, 200));
    payload = [];
    return;
  }
  serial = String(body.deviceInfo.devEui);
  var time = body.time;
  var best = null;
  var gateways = body.rxInfo || [];
  for (var g = 0; g < gateways.length; g++) {
    if (best === null || (gateways[g].rssi || -1e9) > (best.rssi || -1e9)) best = gateways[g];
  }
  var tx = body.txInfo || {};
  var lora = tx.modulation && tx.modulation.lora || {};
  var out = [
    { variable: 'payload', value: Buffer.from(body.data || '', 'base64').toString('hex'),
      metadata: { network: 'chirpstack-v4', dev_eui: serial, device_name: body.deviceInfo.deviceName || null,
        application_id: body.deviceInfo.applicationId || null, deduplication_id: body.deduplicationId || null,
        gateways: gateways.length } },
    { variable: 'fport', value: body.fPort || 0 },
    { variable: 'fcnt', value: body.fCnt }
  ];
  if (best) {
    if (best.rssi !== undefined) out.push({ variable: 'rx_rssi', value: best.rssi, unit: 'dBm' });
    if (best.snr !== undefined) out.push({ variable: 'rx_snr', value: best.snr, unit: 'dB' });
    if (best.gatewayId) out.push({ variable: 'rx_gateway', value: String(best.gatewayId).toLowerCase() });
  }
  if (tx.frequency !== undefined) out.push({ variable: 'rx_frequency', value: Number(tx.frequency), unit: 'Hz' });
  if (lora.spreadingFactor !== undefined) out.push({ variable: 'rx_sf', value: lora.spreadingFactor });
  if (lora.bandwidth !== undefined) out.push({ variable: 'rx_bw', value: lora.bandwidth, unit: 'Hz' });
  for (var k = 0; k < out.length; k++) {
    if (time) out[k].time = time;
  }
  payload = out;
})();
