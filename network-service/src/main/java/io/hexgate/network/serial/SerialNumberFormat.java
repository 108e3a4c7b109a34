package io.hexgate.network.serial;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.serial.SerialMask;
import io.hexgate.network.validation.Fields;

/**
 * A network's {@code serial_number} settings as stored and shown: how the serial is labelled and explained to
 * the person creating a device, its {@link SerialMask}, and whether it is required.
 */
public record SerialNumberFormat(String label, String mask, @JsonProperty("case") String serialCase, String image,
                                 String help, boolean required) {

    public static final SerialNumberFormat NONE = new SerialNumberFormat(null, "", "", null, null, false);

    public SerialMask toMask() {
        return new SerialMask(mask, SerialMask.SerialCase.parse(serialCase));
    }

    /** The object as received; {@code required} defaults to false. */
    public record Input(@Schema(maxLength = 255) String label, @Schema(maxLength = SerialMask.MAX_LENGTH) String mask,
                        @JsonProperty("case") @Schema(maxLength = 5, enumeration = { "upper", "lower" }) String serialCase,
                        @Schema(maxLength = Fields.MAX_URL, format = "uri") String image, @Schema(maxLength = 1000) String help,
                        Boolean required) {

        public SerialNumberFormat validated(FieldErrors errors) {
            String label = Fields.text(errors, "serial_number.label", this.label, 255);
            String help = Fields.text(errors, "serial_number.help", this.help, 1000);
            String image = Fields.url(errors, "serial_number.image", this.image);
            String mask = this.mask == null ? "" : this.mask.strip();
            String maskProblem = SerialMask.maskProblem(mask);
            if (maskProblem != null) {
                errors.add("serial_number.mask", maskProblem);
            }
            String serialCase = this.serialCase == null ? "" : this.serialCase;
            String caseProblem = SerialMask.SerialCase.problem(serialCase);
            if (caseProblem != null) {
                errors.add("serial_number.case", caseProblem);
            }
            return new SerialNumberFormat(label, mask, serialCase, image, help, Boolean.TRUE.equals(required));
        }
    }
}
