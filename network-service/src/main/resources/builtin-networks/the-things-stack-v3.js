// Hexgate built-in network: The Things Stack v3 (The Things Network, The Things Industries), uplink webhook.
// docs/networks/the-things-stack.md. Input: the webhook's JSON (payload = [body]), or TagoIO's middleware item
// {variable: 'ttn_payload_v3', value: '<the webhook JSON as a string>'}. Output: one canonical uplink —
// payload (lower-case hex), fport, fcnt and the rx_* items — and the device's serial, its DevEUI.
(function () {
  var items = Array.isArray(payload) ? payload : [payload];
  var body = items[0];
  for (var i = 0; i < items.length; i++) {
    if (items[i] && items[i].variable === 'ttn_payload_v3') {
      body = JSON.parse(String(items[i].value));
    }
  }
  if (!body || typeof body !== 'object' || !body.uplink_message) {
    // not an uplink (join, downlink events…): shown on the network's inspector, nothing stored
    console.log('The Things Stack: not an uplink message, ignored: ' + JSON.stringify(body).slice(0, 200));
    payload = [];
    return;
  }
  var up = body.uplink_message;
  var ids = body.end_device_ids || {};
  if (!ids.dev_eui) {
    throw new Error('The Things Stack uplink without end_device_ids.dev_eui: turn off "filter event data" for ids, '
      + 'or keep end_device_ids in the webhook\'s field mask');
  }
  serial = String(ids.dev_eui);
  var time = up.received_at || body.received_at;
  var lora = up.settings && up.settings.data_rate && up.settings.data_rate.lora || {};
  var best = null;
  var gateways = up.rx_metadata || [];
  for (var g = 0; g < gateways.length; g++) {
    if (best === null || (gateways[g].rssi || -1e9) > (best.rssi || -1e9)) best = gateways[g];
  }
  var out = [
    { variable: 'payload', value: Buffer.from(up.frm_payload || '', 'base64').toString('hex'),
      metadata: { network: 'the-things-stack-v3', dev_eui: serial, device_id: ids.device_id || null,
        application_id: ids.application_ids && ids.application_ids.application_id || null,
        simulated: body.simulated === true, gateways: gateways.length } },
    { variable: 'fport', value: up.f_port || 0 } // omitted by TTS when 0
  ];
  if (up.f_cnt !== undefined) out.push({ variable: 'fcnt', value: up.f_cnt });
  if (best) {
    if (best.rssi !== undefined) out.push({ variable: 'rx_rssi', value: best.rssi, unit: 'dBm' });
    if (best.snr !== undefined) out.push({ variable: 'rx_snr', value: best.snr, unit: 'dB' });
    if (best.gateway_ids && best.gateway_ids.eui) out.push({ variable: 'rx_gateway', value: String(best.gateway_ids.eui).toLowerCase() });
  }
  if (up.settings && up.settings.frequency !== undefined) out.push({ variable: 'rx_frequency', value: Number(up.settings.frequency), unit: 'Hz' });
  if (lora.spreading_factor !== undefined) out.push({ variable: 'rx_sf', value: lora.spreading_factor });
  if (lora.bandwidth !== undefined) out.push({ variable: 'rx_bw', value: lora.bandwidth, unit: 'Hz' });
  for (var k = 0; k < out.length; k++) {
    if (time) out[k].time = time;
  }
  payload = out;
})();
