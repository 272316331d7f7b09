package io.holdfast.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Paho's connect options for a {@link Broker}: its nodes in the order to try them, the client's
 * user, TLS that trusts the broker's issuer (with the host name checked), or plain sockets without
 * Nagle's delay. MQTT 3.1.1, which every broker Holdfast runs on speaks (NATS speaks no other).
 */
public final class BrokerOptions {

    private BrokerOptions() {
    }

    /** @param first the node to try first (modulo their number); the others follow in turn */
    public static MqttConnectOptions connect(Broker broker, int first) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setServerURIs(broker.order(first));
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        broker.login().ifPresent(login -> {
            options.setUserName(login.username());
            options.setPassword(login.password().toCharArray());
        });
        if (broker.tls()) {
            options.setHttpsHostnameVerificationEnabled(true);
            broker.trustedIssuer().ifPresent(issuer -> options.setSocketFactory(trusting(issuer).getSocketFactory()));
        } else {
            options.setSocketFactory(new NoDelaySockets());
        }
        return options;
    }

    /** A TLS context that trusts the certificates in {@code issuerPem}, and nothing else. */
    static SSLContext trusting(Path issuerPem) {
        try (InputStream in = Files.newInputStream(issuerPem)) {
            Collection<? extends Certificate> issuers = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + issuerPem);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate issuer : issuers) {
                trusted.setCertificateEntry("issuer-" + n++, issuer);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust the broker's issuer in " + issuerPem + ": " + e.getMessage(), e);
        }
    }
}
