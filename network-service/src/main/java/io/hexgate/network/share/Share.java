package io.hexgate.network.share;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A network or connector shared with another profile, which may then read it and create devices on it. */
@Entity
@Table(name = "shares", schema = "registry")
@IdClass(Share.Key.class)
public class Share extends PanacheEntityBase {

    @Id
    public String kind;

    @Id
    @Column(name = "resource_id")
    public String resourceId;

    @Id
    public String profile;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The composite key. */
    public record Key(String kind, String resourceId, String profile) implements Serializable {

        public Key() {
            this(null, null, null);
        }
    }
}
