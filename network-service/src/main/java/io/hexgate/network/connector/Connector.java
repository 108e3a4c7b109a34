package io.hexgate.network.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.hexgate.network.entity.SharedEntity;

/** What a device is (SPEC §2.3): its decoder and parameters, usable on the networks it lists. */
@Entity
@Table(name = "connectors", schema = "registry")
public class Connector extends SharedEntity {

    public static final String KIND = "connector";

    @Column(name = "logo_url")
    public String logoUrl;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "connector_networks", schema = "registry", joinColumns = @JoinColumn(name = "connector_id"))
    @Column(name = "network_id")
    public Set<String> networks = new TreeSet<>();

    @Column(name = "install_text")
    public String installText;

    @Column(name = "install_end_text")
    public String installEndText;

    @Column(name = "device_annotation")
    public String deviceAnnotation;

    /** How the decoder is run (docs/codecs.md): {@code auto} (detected), or a declared {@link DecoderEntry}. */
    @Column(name = "decoder_entry")
    public String decoderEntry = DecoderEntry.AUTO.label();

    /** The downlink encoder ({@code encodeDownlink(input)}), base64, kept apart from the decoder; null for none. */
    @Column(name = "payload_encoder")
    public String payloadEncoder;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> toJson(List<String> sharedWith) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("description", description);
        json.put("logo_url", logoUrl);
        json.put("networks", List.copyOf(networks));
        json.put("device_parameters", deviceParameters);
        json.put("payload_decoder", payloadDecoder);
        json.put("decoder_entry", decoderEntry);
        json.put("payload_encoder", payloadEncoder);
        json.put("install_text", installText);
        json.put("install_end_text", installEndText);
        json.put("device_annotation", deviceAnnotation);
        putPrivacyAndVersion(json, sharedWith);
        return json;
    }
}
