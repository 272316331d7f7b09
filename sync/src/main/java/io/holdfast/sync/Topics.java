package io.holdfast.sync;

/** The MQTT topic tree, one branch per store (DESIGN.md, "Topics"). */
public final class Topics {

    private static final String ROOT = "holdfast/v1/";

    private Topics() {
    }

    /** Events from a store to central. */
    public static String events(String store) {
        return ROOT + store + "/up/events";
    }

    /** Every store's events: what central subscribes to. */
    public static String allEvents() {
        return ROOT + "+/up/events";
    }

    /** Central's acknowledgements to a store. */
    public static String acks(String store) {
        return ROOT + store + "/down/acks";
    }

    /**
     * Everything central and regional IT send one store (acknowledgements, its commands, downstream
     * streams; each one level below {@code down}): the store's one subscription for them, as each
     * subscription costs a clustered broker.
     */
    public static String allDown(String store) {
        return ROOT + store + "/down/+";
    }

    /** Signed commands for one store. */
    public static String commands(String store) {
        return ROOT + store + "/down/commands";
    }

    /** Signed commands for every store. */
    public static String fleetCommands() {
        return ROOT + "all/down/commands";
    }

    /** A downstream stream for one store: {@code manifest}, {@code giftcards}, {@code policy}. */
    public static String downstream(String store, String stream) {
        return ROOT + store + "/down/" + stream;
    }

    /** The store's requests to central, such as a fresh snapshot of a stream. */
    public static String requests(String store) {
        return ROOT + store + "/up/requests";
    }

    /** A store's retained heartbeat, and its last will. */
    public static String status(String store) {
        return ROOT + store + "/status";
    }

    /** The store named in a topic of the tree. */
    public static String storeOf(String topic) {
        String rest = topic.substring(ROOT.length());
        return rest.substring(0, rest.indexOf('/'));
    }
}
