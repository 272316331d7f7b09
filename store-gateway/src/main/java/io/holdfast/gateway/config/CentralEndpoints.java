package io.holdfast.gateway.config;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.holdfast.mode.Capability;

/** Where each of central's services answers: one base URL per capability. */
public record CentralEndpoints(Map<Capability, URI> urls) {

    public CentralEndpoints {
        EnumMap<Capability, URI> copy = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            URI uri = urls.get(capability);
            requireHttp(uri, "holdfast.central." + key(capability) + "-url");
            copy.put(capability, uri);
        }
        urls = Map.copyOf(copy);
    }

    /** The same URL for every capability: a single central host, or a closed port in tests. */
    public static CentralEndpoints all(URI url) {
        Map<Capability, URI> urls = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            urls.put(capability, url);
        }
        return new CentralEndpoints(urls);
    }

    public URI url(Capability capability) {
        return urls.get(capability);
    }

    public URI orders() {
        return url(Capability.ORDERS);
    }

    /** The configuration key's middle part: {@code orders}, {@code gift-cards}. */
    public static String key(Capability capability) {
        return capability.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static void requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host, but was '" + uri + "'");
        }
    }
}
