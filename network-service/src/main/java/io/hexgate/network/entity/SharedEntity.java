package io.hexgate.network.entity;

import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;


import io.hexgate.network.parameter.DeviceParameter;

/**
 * What networks and connectors have in common: an owner profile, privacy (private, shared, public), the
 * parameters their devices get, a parser, and a version that grows with every committed change.
 */
@MappedSuperclass
public abstract class SharedEntity extends RegistryEntity {

    public String name;

    public String description;

    @Convert(converter = JsonColumn.Parameters.class)
    @Column(name = "device_parameters")
    public List<DeviceParameter> deviceParameters = List.of();

    /** Base64 of the UTF-8 JavaScript source, as in TagoIO. */
    @Column(name = "payload_decoder")
    public String payloadDecoder;

    @Column(name = "is_public")
    public boolean isPublic;

    /** The {@code kind} of this entity in shares and change events. */
    public abstract String kind();

    /** The TagoIO shape; {@code sharedWith} is shown to the owner only (null otherwise). */
    public abstract Map<String, Object> toJson(List<String> sharedWith);

    /** The fields both shapes end with: privacy, owner, shares (owner only), version and times. */
    protected void putPrivacyAndVersion(Map<String, Object> json, List<String> sharedWith) {
        json.put("public", isPublic);
        json.put("profile", profile);
        if (sharedWith != null) {
            json.put("shared_with", sharedWith);
        }
        json.put("version", version);
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
    }
}
