package io.holdfast.gateway.central;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.returns.CentralRefunds;

/**
 * Central's refund service over HTTP, behind the REFUNDS guard. The refund id travels as the
 * {@code Idempotency-Key}, so a retry after a lost answer is paid once. A 409 or 422 is central
 * declining; anything else that is not a 200 or 201 is central failing, which the breaker counts.
 */
public final class HttpCentralRefunds implements CentralRefunds {

    private final String storeId;
    private final CapabilityGuard guard;
    private final CentralHttp http;

    public HttpCentralRefunds(URI base, String storeId, CapabilityGuard guard, Duration budget) {
        this.storeId = storeId;
        this.guard = guard;
        this.http = new CentralHttp(base, budget);
    }

    @Override
    public Answer pay(Instruction instruction) {
        return switch (guard.call(() -> send(instruction))) {
            case CapabilityGuard.Result.Answered<Answer> answered -> answered.value();
            case CapabilityGuard.Result.Failed<Answer> failed ->
                    new Answer.Unavailable(failed.reason(), failed.contactedCentral());
        };
    }

    private Answer send(Instruction instruction) throws IOException, InterruptedException, CentralFailure {
        Map<String, Object> body = Map.of(
                "refundId", instruction.refundId(),
                "store", storeId,
                "returnId", instruction.returnId(),
                "tender", instruction.tenderReference(),
                "amount", Map.of("amount", instruction.amount().amount(),
                        "currency", instruction.amount().currency().getCurrencyCode()));
        HttpResponse<String> response = http.postJson("/central/refunds/v1/refunds", body,
                Optional.of(instruction.refundId()));
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
