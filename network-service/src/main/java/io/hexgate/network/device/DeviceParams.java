package io.hexgate.network.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.parameter.DeviceParameter;

/** How a device's params are built from parameter definitions and edited (SPEC §2.4, §2.6). */
public final class DeviceParams {

    private DeviceParams() {
    }

    /** One param per definition, network's first then connector's: name → key, default → value. */
    public static List<Device.Param> fromDefinitions(List<DeviceParameter> network, List<DeviceParameter> connector) {
        Map<String, Device.Param> byKey = new LinkedHashMap<>();
        for (List<DeviceParameter> definitions : List.of(network, connector)) {
            for (DeviceParameter definition : definitions == null ? List.<DeviceParameter>of() : definitions) {
                byKey.put(definition.name(), new Device.Param(EntityId.next(), definition.name(),
                        definition.defaultValue() == null ? "" : definition.defaultValue(), false));
            }
        }
        return List.copyOf(byKey.values());
    }

    /**
     * Applies edits: an input with {@code id} changes that param (unknown id: error), one without changes the
     * param of the same key or adds it. At most {@link Device#MAX_PARAMS} in the end.
     */
    public static List<Device.Param> apply(FieldErrors errors, String field, List<Device.Param> current,
                                           List<DeviceInput.ParamInput> edits) {
        List<Device.Param> params = new ArrayList<>(current);
        for (int i = 0; i < edits.size(); i++) {
            DeviceInput.ParamInput edit = edits.get(i);
            String at = field + "[" + i + "]";
            if (edit == null) {
                errors.add(at, "must be an object");
                continue;
            }
            String value = edit.value() == null ? "" : String.valueOf(edit.value());
            if (value.length() > 1000) {
                errors.add(at + ".value", "at most 1000 characters");
            }
            int index = -1;
            if (edit.id() != null) {
                for (int p = 0; p < params.size(); p++) {
                    if (params.get(p).id().equals(edit.id())) {
                        index = p;
                    }
                }
                if (index < 0) {
                    errors.add(at + ".id", "no param with id '" + edit.id() + "' on this device");
                    continue;
                }
            } else {
                String key = edit.key() == null ? "" : edit.key().strip();
                if (key.isEmpty() || key.length() > 100) {
                    errors.add(at + ".key", "is required, 1-100 characters");
                    continue;
                }
                for (int p = 0; p < params.size(); p++) {
                    if (params.get(p).key().equals(key)) {
                        index = p;
                    }
                }
                if (index < 0) {
                    params.add(new Device.Param(EntityId.next(), key, value, Boolean.TRUE.equals(edit.sent())));
                    continue;
                }
            }
            Device.Param old = params.get(index);
            String key = edit.key() == null || edit.key().isBlank() ? old.key() : edit.key().strip();
            boolean sent = edit.sent() == null ? old.sent() : edit.sent();
            params.set(index, new Device.Param(old.id(), key, edit.value() == null ? old.value() : value, sent));
        }
        if (params.size() > Device.MAX_PARAMS) {
            errors.add(field, "a device has at most " + Device.MAX_PARAMS + " params; this would make " + params.size());
        }
        return List.copyOf(params);
    }
}
