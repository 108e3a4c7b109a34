package io.hexgate.network.share;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.entity.SharedEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Who may see what (SPEC §2.2): a network or connector is visible to its owner, to the profiles it is shared
 * with, and to everyone when public. Only the owner changes or deletes it.
 */
@ApplicationScoped
public class Sharing {

    /** HQL condition for "visible to :profile" on an entity aliased {@code e} of kind {@code kind}. */
    public static String visibleTo(String kind) {
        return "(e.profile = :profile or e.isPublic = true or exists (select 1 from Share s where s.kind = '"
                + kind + "' and s.resourceId = e.id and s.profile = :profile))";
    }

    public Uni<Boolean> isSharedWith(SharedEntity entity, String profile) {
        return Share.count("kind = ?1 and resourceId = ?2 and profile = ?3", entity.kind(), entity.id, profile)
                .map(count -> count > 0);
    }

    public Uni<Boolean> isVisible(SharedEntity entity, String profile) {
        if (entity.profile.equals(profile) || entity.isPublic) {
            return Uni.createFrom().item(true);
        }
        return isSharedWith(entity, profile);
    }

    /** The entity if {@code profile} may see it; 404 otherwise (never 403), so that ids cannot be probed. */
    public <T extends SharedEntity> Uni<T> visible(Class<T> type, String kind, String profile, String id) {
        return find(type, kind, id).flatMap(entity -> isVisible(entity, profile).map(visible -> {
            if (!visible) {
                throw notFound(kind, id);
            }
            return entity;
        }));
    }

    /** The entity whoever owns it; 404 when there is none (or the id cannot be one). */
    public <T extends SharedEntity> Uni<T> find(Class<T> type, String kind, String id) {
        if (!EntityId.isValid(id)) {
            return Uni.createFrom().failure(notFound(kind, id));
        }
        return Panache.getSession().flatMap(session -> session.find(type, id)).map(entity -> {
            if (entity == null) {
                throw notFound(kind, id);
            }
            return entity;
        });
    }

    /** The entity if {@code profile} owns it; 403 when it may only see it, 404 when not even that. */
    public <T extends SharedEntity> Uni<T> owned(Class<T> type, String kind, String profile, String id) {
        return visible(type, kind, profile, id).map(entity -> {
            if (!entity.profile.equals(profile)) {
                throw new AccessDeniedException(kind + " " + id + " is shared with you: you may read it and create "
                        + "devices on it, but only its owner may change or delete it");
            }
            return entity;
        });
    }

    private static ResourceNotFoundException notFound(String kind, String id) {
        return new ResourceNotFoundException(kind + " " + id + " not found");
    }

    /** Idempotent: sharing twice keeps one share. */
    public Uni<Void> share(SharedEntity entity, String profile) {
        return Share.findById(new Share.Key(entity.kind(), entity.id, profile)).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Share share = new Share();
            share.kind = entity.kind();
            share.resourceId = entity.id;
            share.profile = profile;
            share.createdAt = OffsetDateTime.now();
            return share.persist().replaceWithVoid();
        });
    }

    /** True when a share was removed. */
    public Uni<Boolean> unshare(SharedEntity entity, String profile) {
        return Share.delete("kind = ?1 and resourceId = ?2 and profile = ?3", entity.kind(), entity.id, profile)
                .map(count -> count > 0);
    }

    public Uni<List<String>> sharedWith(SharedEntity entity) {
        return Share.<Share>list("kind = ?1 and resourceId = ?2 order by createdAt", entity.kind(), entity.id)
                .map(shares -> shares.stream().map(share -> share.profile).toList());
    }

    /** The shares of many entities of one kind at once, for lists. */
    public Uni<Map<String, List<String>>> sharedWith(String kind, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Share.<Share>list("kind = ?1 and resourceId in ?2 order by createdAt", kind, ids)
                .map(shares -> shares.stream().collect(Collectors.groupingBy(share -> share.resourceId,
                        Collectors.mapping(share -> share.profile, Collectors.toList()))));
    }

    /** Removes every share of an entity being deleted. */
    public Uni<Long> forget(SharedEntity entity) {
        return Share.delete("kind = ?1 and resourceId = ?2", entity.kind(), entity.id);
    }
}
