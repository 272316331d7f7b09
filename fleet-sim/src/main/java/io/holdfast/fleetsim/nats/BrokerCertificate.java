package io.holdfast.fleetsim.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS certificate the simulated cluster's MQTT listeners present: a self-signed certificate for
 * 127.0.0.1, made by the machine's {@code openssl} (an EC P-256 key, 30 days). The stores trust
 * exactly it. A retailer's brokers would present certificates from its own issuer instead.
 *
 * @param certificate the certificate (PEM), also what clients trust
 * @param key         its private key (PEM), read by the broker only
 */
public record BrokerCertificate(Path certificate, Path key) {

    public static BrokerCertificate make(Path folder) {
        Path certificate = folder.resolve("broker-cert.pem");
        Path key = folder.resolve("broker-key.pem");
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(),
                "-days", "30", "-subj", "/CN=holdfast-broker", "-addext", "subjectAltName=IP:127.0.0.1");
        try {
            Files.createDirectories(folder);
            Process openssl = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("openssl.log").toFile()).start();
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                openssl.destroyForcibly();
                throw new IllegalStateException("openssl could not make the broker's certificate; see "
                        + folder.resolve("openssl.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl to make the broker's certificate (apt-get install "
                    + "openssl): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the broker's certificate", e);
        }
        return new BrokerCertificate(certificate, key);
    }
}
