package io.hexgate.common.client;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ResourceNotFoundException;

/**
 * A callee's error answer as the caller's failure: its 400 (what the caller passed on was invalid) and 404 carry
 * the callee's envelope message and field errors to the caller's own answer; any other status is a 503.
 */
final class CalleeAnswers implements ResponseExceptionMapper<RuntimeException> {

    private final Service callee;
    private final ObjectMapper json;

    CalleeAnswers(Service callee, ObjectMapper json) {
        this.callee = callee;
        this.json = json;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status != 400 && status != 404) {
            return new DependencyUnavailableException(callee + " answered " + status + "; retry", null);
        }
        JsonNode envelope = envelope(response);
        String message = envelope.path("message").asText(callee + " answered " + status);
        if (status == 404) {
            return new ResourceNotFoundException(message);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        envelope.path("field_errors").properties().forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
        return new InvalidRequestException(message, fields);
    }

    private JsonNode envelope(Response response) {
        try {
            return json.readTree(response.readEntity(String.class));
        } catch (Exception notJson) {
            return json.createObjectNode();
        }
    }

    @Override
    public int getPriority() {
        return 0; // before the REST Client's default mapper
    }
}
