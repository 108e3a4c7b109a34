package io.hexgate.network.share;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.hexgate.common.api.ListQuery;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.entity.SharedEntity;
import io.hexgate.network.listing.EntityListing;
import io.hexgate.network.outbox.RegistryChanges;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The rules networks and connectors share: reading what a profile may see, sharing with another profile,
 * and recording every change for {@code hexgate.registry.changes}.
 */
public abstract class SharedEntityRules<T extends SharedEntity> {

    @Inject
    protected Sharing sharing;

    @Inject
    protected RegistryChanges changes;

    private final Class<T> type;
    private final String kind;

    protected SharedEntityRules(Class<T> type, String kind) {
        this.type = type;
        this.kind = kind;
    }

    public Uni<Map<String, Object>> get(String profile, String id) {
        return Panache.withSession(() -> visible(profile, id).flatMap(entity -> sharesShownTo(entity, profile)
                .map(entity::toJson)));
    }

    public Uni<List<Map<String, Object>>> list(String profile, ListQuery query) {
        return Panache.withSession(() -> EntityListing.list(type, Sharing.visibleTo(kind), profile, query)
                .flatMap(entities -> sharing.sharedWith(kind,
                                entities.stream().filter(e -> e.profile.equals(profile)).map(e -> e.id).toList())
                        .map(shares -> entities.stream()
                                .map(e -> query.project(e.toJson(e.profile.equals(profile) ? shares.getOrDefault(e.id, List.of()) : null)))
                                .toList())));
    }

    /** Shares with {@code target} (idempotent) and records the change; the shared entity. */
    protected Uni<T> shareWith(String profile, String id, String target) {
        EntityId.require("profile", target);
        return owned(profile, id).flatMap(entity -> sharing.share(entity, target)
                .flatMap(shared -> {
                    entity.touch();
                    return recordChange(entity);
                })
                .map(recorded -> entity));
    }

    public Uni<Void> unshare(String profile, String id, String target) {
        return Panache.withTransaction(() -> owned(profile, id).flatMap(entity -> sharing.unshare(entity, target)
                .flatMap(removed -> {
                    if (!removed) {
                        throw new ResourceNotFoundException(kind + " " + id + " is not shared with profile " + target);
                    }
                    entity.touch();
                    return recordChange(entity);
                })));
    }

    /** The entity if {@code profile} may see it; 404 otherwise. */
    public Uni<T> visible(String profile, String id) {
        return sharing.visible(type, kind, profile, id);
    }

    /** The entity if {@code profile} owns it; 403 when only shared with it, 404 when not visible. */
    protected Uni<T> owned(String profile, String id) {
        return sharing.owned(type, kind, profile, id);
    }

    protected Uni<Void> recordChange(T entity) {
        return sharing.sharedWith(entity).flatMap(shares -> changes.record(kind, RegistryChanges.UPSERT, entity.id,
                entity.profile, entity.version, entity.toJson(shares)));
    }

    /** Forgets the entity's shares, deletes it and records the deletion. */
    protected Uni<Void> deleteAndRecord(T entity) {
        return sharing.forget(entity)
                .flatMap(ignored -> entity.delete())
                .flatMap(ignored -> changes.record(kind, RegistryChanges.DELETE, entity.id, entity.profile,
                        entity.version + 1, null));
    }

    private Uni<List<String>> sharesShownTo(T entity, String profile) {
        return entity.profile.equals(profile) ? sharing.sharedWith(entity) : Uni.createFrom().nullItem();
    }
}
