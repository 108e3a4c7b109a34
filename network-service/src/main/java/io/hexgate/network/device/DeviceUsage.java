package io.hexgate.network.device;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.network.connector.ConnectorDevices;
import io.hexgate.network.network.NetworkDevices;
import io.hexgate.network.outbox.RegistryChanges;
import io.smallrye.mutiny.Uni;

/** What networks and connectors need to know of the devices made from them. */
@ApplicationScoped
public class DeviceUsage implements NetworkDevices, ConnectorDevices {

    @Inject
    RegistryChanges changes;

    @Inject
    DeviceTokens tokens;

    @Override
    public Uni<List<String>> serialNumbers(String network) {
        return Device.<Device>list("network = ?1 and serieNumber is not null", network)
                .map(devices -> devices.stream().map(device -> device.serieNumber).toList());
    }

    @Override
    public Uni<Long> countOn(String network) {
        return Device.count("network", network);
    }

    @Override
    public Uni<Long> countMadeFrom(String connector) {
        return Device.count("connector", connector);
    }

    @Override
    public Uni<List<String>> deleteAll(String network) {
        return Device.<Device>list("network", network).flatMap(devices -> {
            Uni<Void> deleted = Uni.createFrom().voidItem();
            for (Device device : devices) {
                deleted = deleted.flatMap(ignored -> deleteAndRecord(device));
            }
            return deleted.replaceWith(devices.stream().map(device -> device.id).toList());
        });
    }

    /** In the caller's transaction: the device deleted and its deletion recorded (its version one past the last). */
    Uni<Void> deleteAndRecord(Device device) {
        return device.delete().flatMap(deleted -> changes.record(Device.KIND, RegistryChanges.DELETE, device.id,
                device.profile, device.version + 1, null));
    }

    @Override
    public Uni<Void> revokeTokens(List<String> devices) {
        return tokens.revoke(devices);
    }
}
