package io.hexgate.network.device;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.hexgate.network.entity.RegistryEntity;

/** A device (SPEC §2.4): made from one network and one connector; belongs to the profile that created it. */
@Entity
@Table(name = "devices", schema = "registry")
public class Device extends RegistryEntity {

    public static final String KIND = "device";
    /** At most this many params per device. */
    public static final int MAX_PARAMS = 60;

    public String name;

    @Column(name = "network_id")
    public String network;

    @Column(name = "connector_id")
    public String connector;

    /** Normalised by the network's mask; null when the device has none. */
    @Column(name = "serie_number")
    public String serieNumber;

    @Column(name = "connector_parse")
    public boolean connectorParse = true;

    /** The device's own parser: base64 of the UTF-8 source. */
    @Column(name = "payload_decoder")
    public String payloadDecoder;

    public boolean active = true;

    @Convert(converter = DeviceColumns.Tags.class)
    public List<Tag> tags = List.of();

    @Convert(converter = DeviceColumns.Params.class)
    public List<Param> params = List.of();

    @Column(name = "last_input")
    public OffsetDateTime lastInput;

    /** {@code {key, value}}. */
    public record Tag(@Schema(maxLength = 100) String key, @Schema(maxLength = 1000) String value) {
    }

    /** {@code {id, key, value, sent}}: what parsers see as {@code device.params}. */
    public record Param(String id, String key, String value, boolean sent) {
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("network", network);
        json.put("connector", connector);
        json.put("serie_number", serieNumber);
        json.put("connector_parse", connectorParse);
        json.put("payload_decoder", payloadDecoder);
        json.put("active", active);
        json.put("tags", tags);
        json.put("params", params);
        json.put("profile", profile);
        json.put("version", version);
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        json.put("last_input", lastInput);
        return json;
    }
}
