package io.holdfast.gateway.central;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.holdfast.order.ManifestImport;
import io.holdfast.order.Order;
import io.holdfast.sync.downstream.StreamApplier;

/**
 * The manifest stream over MQTT: each row is an order in central's JSON (as the HTTP manifest), and
 * each message is merged by {@link ManifestImport} in one transaction, so a snapshot is imported in
 * batches and a repeated message changes nothing.
 */
public final class ManifestStreamRows implements StreamApplier {

    private final ManifestImport manifest;

    public ManifestStreamRows(ManifestImport manifest) {
        this.manifest = manifest;
    }

    @Override
    public void apply(List<String> rowsJson) {
        List<Order> orders = new ArrayList<>(rowsJson.size());
        for (String row : rowsJson) {
            try {
                orders.add(CentralJson.MAPPER.readValue(row, Order.class));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IllegalArgumentException("not an order: " + e.getMessage());
            }
        }
        manifest.apply(orders);
    }
}
