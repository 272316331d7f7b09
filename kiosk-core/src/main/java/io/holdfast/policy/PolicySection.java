package io.holdfast.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;

import io.holdfast.store.CoreJson;
import io.holdfast.store.StoreException;

/**
 * One section of the policy regional IT installed (such as {@code returns} or {@code giftCards}),
 * read as {@code type} under that policy's version, or the bundled default while none is installed.
 * A section the gateway cannot read leaves the bundled default in force and says so in the log, so a
 * bad push cannot stop the store. The document is read and parsed once per installed version.
 *
 * @param <T> the section's record
 */
public final class PolicySection<T> {

    private static final System.Logger LOG = System.getLogger(PolicySection.class.getName());

    private final StorePolicies policies;
    private final String section;
    private final Class<T> type;
    private final T bundled;
    private final BiFunction<T, Long, T> withVersion;
    private volatile Cached<T> cached;

    private record Cached<T>(long installedVersion, T policy) {
    }

    /** @param withVersion the section as read, carrying the installed policy's version */
    public PolicySection(StorePolicies policies, String section, Class<T> type, T bundled,
                         BiFunction<T, Long, T> withVersion) {
        this.policies = policies;
        this.section = section;
        this.type = type;
        this.bundled = bundled;
        this.withVersion = withVersion;
        this.cached = new Cached<>(-1, bundled);
    }

    /** Reads only the installed version while it is the one already read; the document when it changed. */
    public T inForce() {
        long version = policies.versionInForce();
        if (version == 0) {
            return bundled;
        }
        Cached<T> now = cached;
        if (now.installedVersion() == version) {
            return now.policy();
        }
        Optional<InstalledPolicy> installed = policies.inForce();
        if (installed.isEmpty()) {
            return bundled;
        }
        T policy = read(installed.get());
        cached = new Cached<>(installed.get().version(), policy);
        return policy;
    }

    private T read(InstalledPolicy installed) {
        try {
            return CoreJson.readField(installed.documentJson(), section, type)
                    .map(p -> withVersion.apply(p, installed.version()))
                    .orElse(bundled);
        } catch (StoreException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "policy version {0} has a {1} section the gateway cannot use ({2});"
                    + " the bundled one stays in force", installed.version(), section, e.getMessage());
            return bundled;
        }
    }

    /** Reads a bundled default policy section from the classpath. */
    public static <T> T bundled(String resource, Class<T> type) {
        try (InputStream in = PolicySection.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled policy " + resource + " is missing from the jar");
            }
            return CoreJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled policy " + resource, e);
        }
    }
}
