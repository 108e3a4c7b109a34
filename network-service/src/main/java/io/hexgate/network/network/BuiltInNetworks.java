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

        /**
         * The network's parser, from the resources of this release: the helpers every built-in parser shares
         * ({@code uplink.js}: reading the envelope, the best gateway, the canonical uplink) and the network's own part,
         * in one function so that nothing of either is a global of the run.
         */
        String parserSource() {
            return "// Hexgate built-in network " + name + " (" + id + "): docs/networks/README.md\n(function () {\n"
                    + resource("uplink") + "\n" + resource(slug) + "})();\n";
        }

        NetworkInput input() {
            return new NetworkInput(name, description, documentationUrl, null, null, null, serialNumber, List.of(),
                    Base64.getEncoder().encodeToString(parserSource().getBytes(StandardCharsets.UTF_8)), true);
        }
    }

    private static String resource(String name) {
        try (InputStream in = BuiltInNetworks.class.getResourceAsStream("/builtin-networks/" + name + ".js")) {
            if (in == null) {
                throw new IllegalStateException("builtin-networks/" + name + ".js is not in this release");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
                    "https://www.chirpstack.io/docs/chirpstack/integrations/http.html", DEV_EUI),
            new Definition("b17000000000000000000003", "chirpstack-v3", "ChirpStack v3",
                    "LoRaWAN through ChirpStack v3's Application Server: point the HTTP integration at "
                            + "/integration/network/b17000000000000000000003/uplink.",
                    "https://www.chirpstack.io/docs/v3/application-server/integrations/http.html", DEV_EUI),
            new Definition("b17000000000000000000004", "helium", "Helium",
                    "LoRaWAN through the Helium Console: point an HTTP integration at "
                            + "/integration/network/b17000000000000000000004/uplink.",
                    "https://docs.helium.com/console/integrations/http", DEV_EUI),
            new Definition("b17000000000000000000005", "loriot", "LORIOT",
                    "LoRaWAN through LORIOT: point an HTTP Push application output at "
                            + "/integration/network/b17000000000000000000005/uplink.",
                    "https://docs.loriot.io/display/LNS/HTTP+Push", DEV_EUI),
            new Definition("b17000000000000000000006", "thingpark", "Actility ThingPark",
                    "LoRaWAN through Actility ThingPark: point an HTTP application server route at "
                            + "/integration/network/b17000000000000000000006/uplink.",
                    "https://docs.thingpark.com/thingpark-enterprise/", DEV_EUI),
            new Definition("b17000000000000000000007", "everynet", "Everynet",
                    "LoRaWAN through Everynet: point an HTTP connection at "
                            + "/integration/network/b17000000000000000000007/uplink.",
                    "https://ns.docs.everynet.io/", DEV_EUI),
            new Definition("b17000000000000000000008", "sigfox", "Sigfox",
                    "Sigfox: point a custom HTTP callback (POST, JSON) of the device type at "
                            + "/integration/network/b17000000000000000000008/uplink.",
                    "https://support.sigfox.com/docs/custom-callback-creation",
                    new SerialNumberFormat.Input("Device ID", "", "upper", null,
                            "The Sigfox device ID in hexadecimal, as the Sigfox backend shows it (e.g. 1A2B3C)", true)),
            new Definition("b17000000000000000000009", "http-json", "Generic HTTP/JSON",
                    "A gateway or network server of your own that posts one JSON object per frame in Hexgate's "
                            + "canonical names to /integration/network/b17000000000000000000009/uplink.",
                    null, // documented in docs/networks/http-json.md of the release
                    new SerialNumberFormat.Input("Serial", "", "", null,
                            "The device's identifier as your network server's JSON gives it in \"serial\"", true)));

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
