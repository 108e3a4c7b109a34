package io.hexgate.network.device;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import io.hexgate.network.entity.JsonColumn;

/** A device's nested values as stored: JSON text columns. */
public final class DeviceColumns {

    private DeviceColumns() {
    }

    /** A device's {@code tags}. */
    public static class Tags extends JsonColumn<List<Device.Tag>> {
        public Tags() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    /** A device's {@code params}. */
    public static class Params extends JsonColumn<List<Device.Param>> {
        public Params() {
            super(new TypeReference<>() { }, List.of());
        }
    }
}
