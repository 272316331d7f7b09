package io.holdfast.gateway.central;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.returns.CentralRefunds;

/**
 * Central's refund service over HTTP, behind the REFUNDS guard. The refund id travels as the
 * {@code Idempotency-Key}, so a retry after a lost answer is paid once. A 409 or 422 is central
 * declining; anything else that is not a 200 or 201 is central failing, which the breaker counts.
 */
public final class HttpCentralRefunds implements CentralRefunds {

    private final URI base;
    private final String storeId;
    private final CapabilityGuard guard;
    private final HttpClient http;
    private final Duration budget;

    public HttpCentralRefunds(URI base, String storeId, CapabilityGuard guard, Duration budget) {
        this.base = base;
        this.storeId = storeId;
        this.guard = guard;
        this.budget = budget;
        this.http = HttpClient.newBuilder().connectTimeout(budget).build();
    }

    @Override
    public Answer pay(Instruction instruction) {
        return switch (guard.call(() -> send(instruction))) {
            case CapabilityGuard.Result.Answered<Answer> answered -> answered.value();
            case CapabilityGuard.Result.Failed<Answer> failed -> new Answer.Unavailable(failed.reason());
        };
    }

    private Answer send(Instruction instruction) throws IOException, InterruptedException, CentralFailure {
        byte[] body = CentralJson.MAPPER.writeValueAsBytes(Map.of(
                "refundId", instruction.refundId(),
                "store", storeId,
                "returnId", instruction.returnId(),
                "tender", instruction.tenderReference(),
                "amount", Map.of("amount", instruction.amount().amount(),
                        "currency", instruction.amount().currency().getCurrencyCode())));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/central/refunds/v1/refunds")).timeout(budget)
                .header("Content-Type", "application/json").header("Idempotency-Key", instruction.refundId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            JsonNode answer = CentralJson.MAPPER.readTree(response.body());
            return new Answer.Paid(answer.path("reference").asText(instruction.refundId()));
        }
        if (status == 409 || status == 422) {
            return new Answer.Declined(CentralJson.MAPPER.readTree(response.body()).path("detail")
                    .asText("central declined the refund (" + status + ")"));
        }
        throw new CentralFailure("refunds answered " + status + " for refund " + instruction.refundId());
    }
}
