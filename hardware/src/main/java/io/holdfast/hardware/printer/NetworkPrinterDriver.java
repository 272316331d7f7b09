package io.holdfast.hardware.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * A receipt printer on the store network, over raw TCP (port 9100, "JetDirect"): asks the
 * paper status, sends the job, asks again. One connection per job.
 */
final class NetworkPrinterDriver {

    /** The standard raw printing port. */
    static final int RAW_PORT = 9100;

    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    NetworkPrinterDriver(InetSocketAddress address, Duration connectTimeout, Duration readTimeout) {
        this.address = Objects.requireNonNull(address, "printer address");
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    DeliveryOutcome deliver(byte[] job) {
        try (Socket socket = new Socket()) {
            socket.connect(address, Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            DeliveryOutcome before = status(out, in, "before the job");
            if (!(before instanceof DeliveryOutcome.Printed)) {
                return before;
            }
            out.write(job);
            out.flush();
            return status(out, in, "after the job");
        } catch (ConnectException e) {
            return new DeliveryOutcome.Offline("connection refused by " + describe());
        } catch (SocketTimeoutException e) {
            return new DeliveryOutcome.Offline(describe() + " did not answer in time");
        } catch (IOException e) {
            return new DeliveryOutcome.Offline("connection to " + describe() + " failed: " + e.getMessage());
        }
    }

    String describe() {
        return address.getHostString() + ":" + address.getPort();
    }

    private static DeliveryOutcome status(OutputStream out, InputStream in, String when) throws IOException {
        out.write(EscPosStatus.PAPER_QUERY);
        out.flush();
        int answer = in.read();
        if (answer < 0) {
            return new DeliveryOutcome.Offline("the printer closed the connection " + when);
        }
        if (!EscPosStatus.isStatusByte(answer)) {
            return new DeliveryOutcome.Garbage("the printer answered 0x%02X %s, which is not a status".formatted(answer, when));
        }
        return EscPosStatus.paperOut(answer) ? new DeliveryOutcome.PaperOut() : new DeliveryOutcome.Printed();
    }
}
