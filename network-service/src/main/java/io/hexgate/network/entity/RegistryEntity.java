package io.hexgate.network.entity;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What every registry entity has: a 24-hex id, the owner profile, and a version that grows by one with every
 * committed change (the {@code version} of its change events).
 */
@MappedSuperclass
public abstract class RegistryEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String profile;

    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Marks a change about to be committed: version and {@code updated_at}; the first one also {@code created_at}. */
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
