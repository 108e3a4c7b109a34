package io.hexgate.network.entity;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;

/** Ids are 24 lowercase hex characters, ObjectId style: 4 bytes of seconds then 8 random bytes. */
@Schema(name = "Id", type = SchemaType.STRING, maxLength = IdFormat.LENGTH, pattern = IdFormat.PATTERN,
        description = "24 lowercase hexadecimal characters")
public final class EntityId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EntityId() {
    }

    public static String next() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "%08x".formatted(System.currentTimeMillis() / 1000) + HexFormat.of().formatHex(random);
    }

    public static boolean isValid(String id) {
        return IdFormat.isId(id);
    }

    /** The id as given, or a 400 naming {@code field}. */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw InvalidRequestException.field(field, field + ": " + IdFormat.notAnId(id));
        }
        return id;
    }
}
