package io.holdfast.hardware.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** A printer simulator decodes whatever arrives on its socket; garbage must not break it. */
class EscPosDecoderFuzzTest {

    @Property(tries = 3000)
    void anyBytesDecodeWithoutThrowing(@ForAll @Size(max = 600) byte[] bytes) {
        assertThat(EscPosDecoder.decode(bytes)).isNotNull();
    }

    @Property(tries = 2000)
    void commandHeavyBytesDecodeWithoutThrowing(@ForAll("commandHeavy") byte[] bytes) {
        assertThat(EscPosDecoder.decode(bytes).items()).isNotNull();
    }

    @Provide
    Arbitrary<byte[]> commandHeavy() {
        return Arbitraries.bytes().filter(b -> true).list().ofMaxSize(200)
                .map(list -> {
                    byte[] out = new byte[list.size()];
                    byte[] commands = {0x1B, 0x1D, 0x10, 0x0A, '(', 'k', 'V', 'a', 'E', '1', 'P', 'Q'};
                    for (int i = 0; i < out.length; i++) {
                        out[i] = i % 3 == 0 ? commands[Math.floorMod(list.get(i), commands.length)] : list.get(i);
                    }
                    return out;
                });
    }
}
