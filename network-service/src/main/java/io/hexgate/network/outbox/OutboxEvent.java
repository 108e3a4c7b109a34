package io.hexgate.network.outbox;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A registry change waiting in the outbox: written with the change, deleted once Kafka acknowledged it. */
@Entity
@Table(name = "outbox", schema = "registry")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "entity_id")
    public String entityId;

    /** The JSON value of the hexgate.registry.changes record. */
    public String payload;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
