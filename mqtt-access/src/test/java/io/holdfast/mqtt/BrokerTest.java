package io.holdfast.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BrokerTest {

    @Test
    void aListOfNodesIsTriedInTurnFromTheOneAStoreStartsAt() {
        Broker broker = Broker.parse("tcp://127.0.0.1:1883, tcp://127.0.0.1:1884,tcp://127.0.0.1:1885");

        assertThat(broker.order(1)).containsExactly("tcp://127.0.0.1:1884", "tcp://127.0.0.1:1885",
                "tcp://127.0.0.1:1883");
        assertThat(broker.order(-1)).containsExactly("tcp://127.0.0.1:1885", "tcp://127.0.0.1:1883",
                "tcp://127.0.0.1:1884");
    }

    @Test
    void thePasswordIsNeverShown() {
        Broker broker = Broker.at(URI.create("ssl://127.0.0.1:8883")).withLogin("store-0042", "s3cret");

        assertThat(broker.toString()).isEqualTo("ssl://127.0.0.1:8883 as store-0042").doesNotContain("s3cret");
        assertThat(broker.tls()).isTrue();
    }

    @Test
    void nodesMustAgreeOnTlsAndNameAHostAndPort() {
        assertThatThrownBy(() -> Broker.parse("tcp://127.0.0.1:1883,ssl://127.0.0.1:8883"))
                .hasMessageContaining("must all be tcp:// or all ssl://");
        assertThatThrownBy(() -> Broker.parse("http://127.0.0.1:1883")).hasMessageContaining("tcp:// or ssl://");
        assertThatThrownBy(() -> Broker.parse("tcp://127.0.0.1")).hasMessageContaining("a host and a port");
        assertThatThrownBy(() -> Broker.parse(" , ")).hasMessageContaining("at least one node");
        assertThatThrownBy(() -> new Broker(List.of(URI.create("tcp://h:1")), Optional.empty(), Optional.empty())
                .withLogin(" ", "x")).hasMessageContaining("a name");
    }
}
