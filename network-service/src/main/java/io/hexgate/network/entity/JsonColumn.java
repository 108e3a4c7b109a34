package io.hexgate.network.entity;

import java.util.List;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.network.parameter.DeviceParameter;
import io.hexgate.network.serial.SerialNumberFormat;

/**
 * Nested values stored as JSON text, with a mapper of their own: the API's JSON style can change without
 * changing what is stored. (Hibernate Reactive cannot bind a JSON array to a jsonb column.)
 */
public abstract class JsonColumn<T> implements AttributeConverter<T, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final TypeReference<T> type;
    private final T empty;

    protected JsonColumn(TypeReference<T> type, T empty) {
        this.type = type;
        this.empty = empty;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        try {
            return MAPPER.writeValueAsString(value == null ? empty : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value, e);
        }
    }

    @Override
    public T convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return empty;
        }
        try {
            return MAPPER.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code device_parameters} of networks and connectors. */
    public static class Parameters extends JsonColumn<List<DeviceParameter>> {
        public Parameters() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    /** A network's {@code serial_number}. */
    public static class SerialFormat extends JsonColumn<SerialNumberFormat> {
        public SerialFormat() {
            super(new TypeReference<>() { }, SerialNumberFormat.NONE);
        }
    }
}
