package io.holdfast.gateway.order;

import java.time.ZoneId;
import java.util.Optional;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.devices.StoreDevices;
import io.holdfast.hardware.scan.ScanParser;
import io.holdfast.order.CentralOrders;
import io.holdfast.order.CollectionDesk;
import io.holdfast.order.CollectionQr;
import io.holdfast.order.OrderExpiry;
import io.holdfast.order.OrderRepository;
import io.holdfast.order.OrderSearch;

/** The collection desk's routes under {@code /api/v1}: orders and collection-code verification. */
public final class OrderRoutes {

    private OrderRoutes() {
    }

    public static HttpService services(String storeId, ZoneId zone, OrderRepository orders, OrderSearch search, CollectionDesk desk,
                                       OrderExpiry expiry, CentralOrders central, StoreDevices devices,
                                       Optional<CollectionQr> qr, ScanParser parser, Access access) {
        OrderHttpService orderService = new OrderHttpService(orders, search, desk, expiry,
                new CollectionReceipts(devices, storeId, zone), central, access);
        CollectionCodeHttpService codes = new CollectionCodeHttpService(qr, parser, orders, access);
        return (HttpRules rules) -> rules.register("/orders", orderService).register("/collection-codes", codes);
    }
}
