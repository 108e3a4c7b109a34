// The Things Stack v3 (The Things Network, The Things Industries), uplink webhook: docs/networks/the-things-stack.md.
// Input: the webhook's JSON, or TagoIO's middleware item ttn_payload_v3. The DevEUI is end_device_ids.dev_eui, or,
// when "filter event data" leaves the ids out, the one the webhook's URL names (uplink message path {/devEUI}).
var body = envelope('ttn_payload_v3');
if (!body || typeof body !== 'object' || !body.uplink_message) {
  ignore('The Things Stack', body, 'not an uplink message');
} else {
  var up = body.uplink_message;
  var ids = body.end_device_ids || {};
  var devEui = ids.dev_eui || serial;
  if (!devEui) {
    throw new Error('The Things Stack uplink without end_device_ids.dev_eui: keep end_device_ids in the webhook\'s '
      + '"filter event data", or name the DevEUI in its uplink message path: {/devEUI}');
  }
  var lora = up.settings && up.settings.data_rate && up.settings.data_rate.lora || {};
  var gateways = up.rx_metadata || [];
  var best = strongest(gateways, function (g) { return g.rssi; }) || {};
  uplink({
    network: 'the-things-stack-v3', serial: devEui, time: up.received_at || body.received_at,
    hex: Buffer.from(up.frm_payload || '', 'base64').toString('hex'),
    fport: up.f_port || 0, // omitted by The Things Stack when 0
    fcnt: up.f_cnt, rssi: best.rssi, snr: best.snr, gateway: best.gateway_ids && best.gateway_ids.eui,
    frequency: up.settings && up.settings.frequency, sf: lora.spreading_factor, bw: lora.bandwidth,
    metadata: { dev_eui: devEui, device_id: ids.device_id || null,
      application_id: ids.application_ids && ids.application_ids.application_id || null,
      simulated: body.simulated === true, gateways: gateways.length }
  });
}
