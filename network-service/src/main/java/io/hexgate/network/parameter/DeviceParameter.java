package io.hexgate.network.parameter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.hexgate.common.api.FieldErrors;

/**
 * A parameter a network or connector defines for its devices (SPEC §2.6); a new device gets one param per
 * definition, {@code name} → key and {@code default} → value. Built only through {@link #validated}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceParameter(String name, String label, String type, String group,
                              @JsonProperty("default") String defaultValue, List<Option> options) {

    /** At most this many parameters per network, connector or device. */
    public static final int MAX = 60;
    /** Options of one dropdown. */
    public static final int MAX_OPTIONS = 100;

    private static final Set<String> TYPES = Set.of("text", "number", "dropdown", "switch");
    private static final Set<String> GROUPS = Set.of("main", "advanced", "hide");

    /** One choice of a {@code dropdown}. */
    public record Option(@Schema(maxLength = 255) String label, @Schema(maxLength = 1000) String value, Boolean isDefault) {
    }

    /**
     * Validates a list of definitions as received; {@code field} is where it sits in the request
     * ({@code device_parameters}). Every problem is added to {@code errors}, each under its own field path.
     */
    public static List<DeviceParameter> validated(FieldErrors errors, String field, List<Input> inputs) {
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > MAX) {
            errors.add(field, "at most " + MAX + " parameters, got " + inputs.size());
            return List.of();
        }
        List<DeviceParameter> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String at = field + "[" + i + "]";
            Input in = inputs.get(i);
            if (in == null) {
                errors.add(at, "must be an object");
                continue;
            }
            String name = in.name() == null ? "" : in.name().strip();
            if (name.isEmpty() || name.length() > 100) {
                errors.add(at + ".name", "is required, 1-100 characters");
            } else if (!names.add(name)) {
                errors.add(at + ".name", "'" + name + "' is used twice");
            }
            String type = in.type() == null || in.type().isBlank() ? "text" : in.type();
            if (!TYPES.contains(type)) {
                errors.add(at + ".type", "'" + type + "' is not one of text, number, dropdown, switch");
            }
            String group = in.group() == null || in.group().isBlank() ? "main" : in.group();
            if (!GROUPS.contains(group)) {
                errors.add(at + ".group", "'" + group + "' is not one of main, advanced, hide");
            }
            String label = in.label() == null || in.label().isBlank() ? name : in.label().strip();
            if (label.length() > 255) {
                errors.add(at + ".label", "at most 255 characters");
            }
            String defaultValue = in.defaultValue() == null ? null : String.valueOf(in.defaultValue());
            List<Option> options = null;
            switch (type) {
                case "number" -> {
                    if (defaultValue != null && !defaultValue.isEmpty() && !isNumber(defaultValue)) {
                        errors.add(at + ".default", "'" + defaultValue + "' is not a number");
                    }
                }
                case "switch" -> {
                    if (defaultValue == null || defaultValue.isEmpty()) {
                        defaultValue = "false";
                    } else if (!defaultValue.equals("true") && !defaultValue.equals("false")) {
                        errors.add(at + ".default", "'" + defaultValue + "' must be true or false");
                    }
                }
                case "dropdown" -> {
                    // not List.copyOf: it throws on a null element, which is the caller's error to be told (options: [null])
                    options = in.options() == null ? List.of() : new ArrayList<>(in.options());
                    if (options.isEmpty()) {
                        errors.add(at + ".options", "a dropdown needs at least one option");
                    } else if (options.size() > MAX_OPTIONS) {
                        errors.add(at + ".options", "at most " + MAX_OPTIONS + " options, got " + options.size());
                    } else {
                        for (int o = 0; o < options.size(); o++) {
                            Option option = options.get(o);
                            if (option != null && option.label() != null && option.label().length() > 255) {
                                errors.add(at + ".options[" + o + "].label", "at most 255 characters, got " + option.label().length());
                            }
                            if (option != null && option.value() != null && option.value().length() > 1000) {
                                errors.add(at + ".options[" + o + "].value", "at most 1000 characters, got " + option.value().length());
                            }
                        }
                        if (options.stream().anyMatch(o -> o == null || o.value() == null)) {
                            errors.add(at + ".options", "every option needs a value");
                        } else {
                            if (defaultValue == null || defaultValue.isEmpty()) {
                                defaultValue = options.stream().filter(o -> Boolean.TRUE.equals(o.isDefault()))
                                        .map(Option::value).findFirst().orElse(null);
                            }
                            String chosen = defaultValue;
                            if (chosen != null && options.stream().noneMatch(o -> chosen.equals(o.value()))) {
                                errors.add(at + ".default", "'" + chosen + "' is not among the options "
                                        + options.stream().map(Option::value).toList());
                            }
                        }
                    }
                }
                default -> {
                }
            }
            if (defaultValue != null && defaultValue.length() > 1000) {
                errors.add(at + ".default", "at most 1000 characters");
            }
            result.add(new DeviceParameter(name, label, type, group, defaultValue, options));
        }
        return List.copyOf(result);
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A definition as received: {@code default} may be a string, number or boolean. */
    public record Input(@Schema(maxLength = 100) String name, @Schema(maxLength = 255) String label,
                        @Schema(maxLength = 8, enumeration = { "text", "number", "dropdown", "switch" }) String type,
                        @Schema(maxLength = 8, enumeration = { "main", "advanced", "hide" }) String group,
                        @JsonProperty("default") Object defaultValue,
                        @Schema(maxItems = MAX_OPTIONS) List<Option> options) {
    }
}
