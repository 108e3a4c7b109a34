// Hexgate built-in networks: what every built-in network parser shares (docs/networks/README.md). The parser
// of a built-in network is this text followed by the network's own part, both inside one function: read the
// network server's body, then call uplink({...}) once with what it says of the frame, or ignore(why).

/** The webhook's JSON: payload = [body] as the webhook intake posts it, or TagoIO's middleware item of that name. */
function envelope(tagoVariable) {
  var items = Array.isArray(payload) ? payload : [payload];
  for (var i = 0; i < items.length; i++) {
    if (items[i] && items[i].variable === tagoVariable) return JSON.parse(String(items[i].value));
  }
  return items[0];
}

/** Not an uplink (a join, a status, an ack…): shown on the network's inspector, nothing stored. */
function ignore(network, body, why) {
  console.log(network + ': ' + why + ', ignored: ' + JSON.stringify(body).slice(0, 200));
  payload = [];
}

/** The gateway that heard the frame best: the highest RSSI of the list (rssiOf reads one entry's). */
function strongest(list, rssiOf) {
  var best = null;
  for (var i = 0; list && i < list.length; i++) {
    var rssi = Number(rssiOf(list[i]));
    if (rssi === rssi && (best === null || rssi > best.rssi)) best = { entry: list[i], rssi: rssi };
  }
  return best === null ? null : best.entry;
}

/** A frequency the network server gives in MHz (868.1), in Hz as a whole number. */
function megahertz(value) {
  return value === undefined || value === null || value === '' ? undefined : Math.round(Number(value) * 1e6);
}

/** "SF7BW125", "SF7 BW125 4/5": the spreading factor and the bandwidth in Hz. */
function dataRate(text) {
  var match = /SF(\d+)\s*BW(\d+)/i.exec(String(text || ''));
  return match ? { sf: Number(match[1]), bw: Number(match[2]) * 1000 } : {};
}

/** An identifier the network server sends base64-encoded (ChirpStack v3's devEUI, gatewayID), as hex; hex stays hex. */
function hexId(value) {
  var text = String(value);
  return /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 ? text : Buffer.from(text, 'base64').toString('hex');
}

/** A time as an ISO string: ISO text stays as it is, a number is read as milliseconds (seconds when secondsIfNumber). */
function isoTime(value, secondsIfNumber) {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(String(value))) {
    return new Date(Math.round(Number(value) * (secondsIfNumber ? 1000 : 1))).toISOString();
  }
  return String(value);
}

/**
 * The canonical uplink (docs/networks/README.md): the device's serial, then payload (lower-case hex, the network,
 * the serial and the network server's names in its metadata), fport, fcnt and the rx_* items of the best gateway,
 * every item timed at the network server's reception. Undefined values are left out.
 */
function uplink(frame) {
  serial = String(frame.serial);
  var metadata = { network: frame.network };
  for (var key in frame.metadata) {
    if (frame.metadata[key] !== undefined) metadata[key] = frame.metadata[key];
  }
  var out = [{ variable: 'payload', value: String(frame.hex || '').toLowerCase(), metadata: metadata }];
  function add(variable, value, unit) {
    if (value === undefined || value === null || value === '' || (typeof value === 'number' && value !== value)) return;
    var item = { variable: variable, value: value };
    if (unit) item.unit = unit;
    out.push(item);
  }
  add('fport', frame.fport === undefined ? undefined : Number(frame.fport || 0));
  add('fcnt', frame.fcnt === undefined ? undefined : Number(frame.fcnt));
  add('rx_rssi', frame.rssi === undefined ? undefined : Number(frame.rssi), 'dBm');
  add('rx_snr', frame.snr === undefined ? undefined : Number(frame.snr), 'dB');
  // a gateway EUI in lower case; an identifier that is not hex (a Helium hotspot's key) as it is
  var gateway = frame.gateway === undefined || frame.gateway === null ? undefined : String(frame.gateway);
  add('rx_gateway', gateway !== undefined && /^[0-9A-Fa-f]+$/.test(gateway) ? gateway.toLowerCase() : gateway);
  add('rx_frequency', frame.frequency === undefined ? undefined : Number(frame.frequency), 'Hz');
  add('rx_sf', frame.sf === undefined ? undefined : Number(frame.sf));
  add('rx_bw', frame.bw === undefined ? undefined : Number(frame.bw), 'Hz');
  for (var k = 0; k < out.length; k++) {
    if (frame.time) out[k].time = frame.time;
  }
  payload = out;
}
