package io.hexgate.network.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.network.serial.SerialNumberFormat;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The networks that ship with Hexgate (docs/networks/): public, read-only, owned by no profile, with stable ids a
 * network server's webhook can be pointed at. Created at start-up when missing and brought up to date when this
 * release's definition differs (a newer parser), through the same rules and change events as any network — so
 * token-service and parser-worker learn them like the others. Nobody, administrators included, edits, shares or
 * deletes them: a profile that wants other settings makes its own network with the parser copied.
 */
@ApplicationScoped
public class BuiltInNetworks {

    private static final Logger LOG = Logger.getLogger(BuiltInNetworks.class);

    /** The owner of the built-in networks: no profile has this id (profile ids are drawn like every entity id). */
    public static final String OWNER = "000000000000000000000000";

    /** One built-in network: its stable id and what it is created with. */
    public record Definition(String id, String slug, String name, String description, String documentationUrl,
                             SerialNumberFormat.Input serialNumber) {

        /** The network's parser, from the resources of this release. */
        String parserSource() {
            try (InputStream in = BuiltInNetworks.class.getResourceAsStream("/builtin-networks/" + slug + ".js")) {
                if (in == null) {
                    throw new IllegalStateException("the built-in network " + slug + " has no parser in builtin-networks/");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        NetworkInput input() {
            return new NetworkInput(name, description, documentationUrl, null, null, null, serialNumber, List.of(),
                    Base64.getEncoder().encodeToString(parserSource().getBytes(StandardCharsets.UTF_8)), true);
        }
    }

    private static final SerialNumberFormat.Input DEV_EUI = new SerialNumberFormat.Input("DevEUI",
            "FF-FF-FF-FF-FF-FF-FF-FF", "upper", null,
            "The device's LoRaWAN DevEUI, 16 hexadecimal digits (hyphens optional)", true);

    public static final List<Definition> ALL = List.of(
            new Definition("b17000000000000000000001", "the-things-stack-v3", "The Things Stack v3",
                    "LoRaWAN through The Things Stack (The Things Network, The Things Industries): point an uplink "
                            + "webhook at /integration/network/b17000000000000000000001/uplink.",
                    "https://www.thethingsindustries.com/docs/integrations/webhooks/", DEV_EUI),
            new Definition("b17000000000000000000002", "chirpstack-v4", "ChirpStack v4",
                    "LoRaWAN through ChirpStack v4: point the HTTP integration (JSON) at "
                            + "/integration/network/b17000000000000000000002/uplink.",
                    "https://www.chirpstack.io/docs/chirpstack/integrations/http.html", DEV_EUI));

    @Inject
    NetworkService networks;

    public static boolean isBuiltIn(String id) {
        return find(id).isPresent();
    }

    public static Optional<Definition> find(String id) {
        return ALL.stream().filter(definition -> definition.id().equals(id)).findFirst();
    }

    /** Refuses a change to a built-in network, to anyone: 403 naming the network and what to do instead. */
    public static void requireNotBuiltIn(String id, String change) {
        find(id).ifPresent(definition -> {
            throw new AccessDeniedException("network " + id + " is the built-in " + definition.name()
                    + " network: it cannot be " + change + "; create a network of your own with its parser instead");
        });
    }

    void ensure(@Observes StartupEvent start) throws Throwable {
        for (Definition definition : ALL) {
            String outcome = VertxContextSupport.subscribeAndAwait(() -> networks.ensureBuiltIn(definition.id(), OWNER,
                    definition.input()));
            if (outcome != null) {
                LOG.infof("built-in network %s (%s) %s", definition.name(), definition.id(), outcome);
            }
        }
    }
}
