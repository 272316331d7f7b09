package io.holdfast.gateway.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where central's HTTP services answer. The guarded clients that call them arrive with the
 * click-and-collect, refunds and gift-card issues; until then the gateway only records them.
 */
public record CentralEndpoints(URI orders, URI giftCards, URI refunds) {

    public CentralEndpoints {
        requireHttp(orders, "central orders url");
        requireHttp(giftCards, "central gift-cards url");
        requireHttp(refunds, "central refunds url");
    }

    private static void requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host, but was '" + uri + "'");
        }
    }
}
