package io.hexgate.token.device;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A device token as stored: its SHA-256, never its clear value. */
@Entity
@Table(name = "device_tokens", schema = "tokens")
public class DeviceToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "token_hint")
    public String tokenHint;

    @Column(name = "device_id")
    public String device;

    @Column(name = "network_id")
    public String network;

    @Column(name = "connector_id")
    public String connector;

    public String profile;

    @Column(name = "serie_number")
    public String serieNumber;

    public String name;

    public String permission;

    /** Null: never expires. */
    @Column(name = "expire_time")
    public OffsetDateTime expireTime;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "last_authorization")
    public OffsetDateTime lastAuthorization;
}
