package io.hexgate.parser.support;

/** Realistic parsers written for the tests, in the style of public TagoIO decoders. */
public final class Parsers {

    private Parsers() {
    }

    /**
     * A LoRaWAN network parser for TTN-v3-like uplinks: the frame as hex in {@code payload}, the port in
     * {@code fport}, radio metadata as {@code rx_*}, the DevEUI as the serial. Leaves other input unchanged.
     */
    public static final String TTN_NETWORK = """
            const uplink = Array.isArray(payload) ? payload[0] : null;
            if (uplink && uplink.uplink_message && uplink.end_device_ids) {
              const message = uplink.uplink_message;
              const rx = (message.rx_metadata || [])[0] || {};
              const group = String(message.f_cnt || Date.now());
              serial = uplink.end_device_ids.dev_eui;
              payload = [
                { variable: 'payload', value: Buffer.from(message.frm_payload, 'base64').toString('hex'), group },
                { variable: 'fport', value: message.f_port, group },
                { variable: 'rx_rssi', value: rx.rssi, unit: 'dBm', group },
                { variable: 'rx_snr', value: rx.snr, unit: 'dB', group },
                { variable: 'rx_gateway', value: rx.gateway_ids && rx.gateway_ids.gateway_id, group },
              ];
            }
            """;

    /**
     * A connector parser that decodes the {@code payload} variable with Buffer (int16 BE temperature, uint32
     * LE counter, float BE pressure) and appends the decoded data to what it received; leaves input without a
     * {@code payload} variable unchanged.
     */
    public static final String SENSOR_CONNECTOR = """
            const raw = payload.find((item) => item.variable === 'payload');
            if (raw) {
              const bytes = Buffer.from(raw.value, 'hex');
              const group = raw.group;
              console.log('decoding', bytes.length, 'bytes');
              payload = payload.concat([
                { variable: 'temperature', value: bytes.readInt16BE(0) / 100, unit: 'C', group },
                { variable: 'counter', value: bytes.readUInt32LE(2), group },
                { variable: 'pressure', value: Math.round(bytes.readFloatBE(6) * 100) / 100, unit: 'hPa', group },
              ]);
            }
            """;

    /** A device parser that renames {@code temperature} to {@code temp_c}. */
    public static final String RENAME_DEVICE = """
            payload = payload.map((item) => item.variable === 'temperature' ? { ...item, variable: 'temp_c' } : item);
            """;

    /** -2.5 °C, counter 1000, 1013.25 hPa: the frame {@link #SENSOR_CONNECTOR} decodes, as hex. */
    public static final String SENSOR_FRAME_HEX = "ff06e8030000447d5000";

    /** A TTN v3 uplink message carrying {@link #SENSOR_FRAME_HEX} from {@code devEui}. */
    public static String ttnUplink(String devEui) {
        String frame = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(SENSOR_FRAME_HEX));
        return """
                {"end_device_ids":{"device_id":"eui-%s","dev_eui":"%s"},
                 "uplink_message":{"f_port":2,"f_cnt":17,"frm_payload":"%s",
                   "rx_metadata":[{"gateway_ids":{"gateway_id":"gw-1"},"rssi":-87,"snr":9.5}]}}""".formatted(
                devEui.toLowerCase(), devEui, frame);
    }
}
