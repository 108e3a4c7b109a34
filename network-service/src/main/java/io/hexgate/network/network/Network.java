package io.hexgate.network.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;


import io.hexgate.network.entity.JsonColumn;
import io.hexgate.network.entity.SharedEntity;
import io.hexgate.network.serial.SerialNumberFormat;

/** How devices reach the platform (SPEC §2.2): only {@code name} is required. */
@Entity
@Table(name = "networks", schema = "registry")
public class Network extends SharedEntity {

    public static final String KIND = "network";

    @Column(name = "documentation_url")
    public String documentationUrl;

    @Column(name = "icon_url")
    public String iconUrl;

    @Column(name = "logo_url")
    public String logoUrl;

    @Column(name = "banner_url")
    public String bannerUrl;

    @Convert(converter = JsonColumn.SerialFormat.class)
    @Column(name = "serial_number")
    public SerialNumberFormat serialNumber;

    @Override
    public String kind() {
        return KIND;
    }

    /** Whether this network already has what {@code wanted} defines (a built-in network's definition). */
    boolean sameDefinition(Network wanted) {
        return java.util.Objects.equals(name, wanted.name) && java.util.Objects.equals(description, wanted.description)
                && java.util.Objects.equals(documentationUrl, wanted.documentationUrl)
                && java.util.Objects.equals(serialNumber, wanted.serialNumber)
                && java.util.Objects.equals(deviceParameters, wanted.deviceParameters)
                && java.util.Objects.equals(payloadDecoder, wanted.payloadDecoder) && isPublic == wanted.isPublic;
    }

    /** This network with what {@code wanted} defines (a built-in network brought up to date). */
    Network definedAs(Network wanted) {
        name = wanted.name;
        description = wanted.description;
        documentationUrl = wanted.documentationUrl;
        serialNumber = wanted.serialNumber;
        deviceParameters = wanted.deviceParameters;
        payloadDecoder = wanted.payloadDecoder;
        isPublic = wanted.isPublic;
        return this;
    }

    public SerialNumberFormat serialFormat() {
        return serialNumber == null ? SerialNumberFormat.NONE : serialNumber;
    }

    @Override
    public Map<String, Object> toJson(List<String> sharedWith) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("description", description);
        json.put("documentation_url", documentationUrl);
        json.put("icon_url", iconUrl);
        json.put("logo_url", logoUrl);
        json.put("banner_url", bannerUrl);
        json.put("serial_number", serialFormat());
        json.put("device_parameters", deviceParameters);
        json.put("payload_decoder", payloadDecoder);
        putPrivacyAndVersion(json, sharedWith);
        return json;
    }
}
