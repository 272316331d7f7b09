package io.holdfast.central;

/** The central services a store calls over HTTP, each behind its own port so each can fail alone. */
public enum CentralService {
    ORDERS("orders"),
    GIFT_CARDS("gift-cards"),
    REFUNDS("refunds"),
    PAYMENTS("payments"),
    LOYALTY("loyalty");

    private final String slug;

    CentralService(String slug) {
        this.slug = slug;
    }

    /** The service's name in URLs: {@code /central/orders/...}, {@code /sim/services/orders}. */
    public String slug() {
        return slug;
    }

    public String pathPrefix() {
        return "/central/" + slug;
    }

    public static java.util.Optional<CentralService> fromSlug(String slug) {
        for (CentralService service : values()) {
            if (service.slug.equals(slug)) {
                return java.util.Optional.of(service);
            }
        }
        return java.util.Optional.empty();
    }
}
