package io.hexgate.network.entity;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;


import io.hexgate.network.parameter.DeviceParameter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What networks and connectors have in common: an owner profile, privacy (private, shared, public), the
 * parameters their devices get, a parser, and a version that grows with every committed change.
 */
@MappedSuperclass
public abstract class SharedEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String profile;

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

    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The {@code kind} of this entity in shares and change events. */
    public abstract String kind();

    /** Marks a committed change: the version and {@code updated_at} of the change event. */
    public void touch() {
        OffsetDateTime now = OffsetDateTime.now();
        if (createdAt == null) {
            createdAt = now;
            version = 1;
        } else {
            version++;
        }
        updatedAt = now;
    }
}
