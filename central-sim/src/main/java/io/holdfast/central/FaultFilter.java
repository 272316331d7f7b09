package io.holdfast.central;

import java.util.function.Function;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Applies a service's slow or failing condition to each request for it; the TCP front does the rest. */
final class FaultFilter implements Filter {

    private final Function<CentralService, Condition> conditions;

    FaultFilter(Function<CentralService, Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().rawPath();
        for (CentralService service : CentralService.values()) {
            if (path.startsWith(service.pathPrefix() + "/")) {
                Condition condition = conditions.apply(service);
                switch (condition.fault()) {
                    case SLOW -> sleep(condition);
                    case FAILING -> {
                        SimJson.problem(response, condition.failureStatus(), "simulated-failure",
                                "central " + service.slug() + " is failing on purpose (simulator switch)");
                        return;
                    }
                    default -> {
                        // Healthy; refusing and blackhole never reach the backend.
                    }
                }
            }
        }
        chain.proceed();
    }

    private static void sleep(Condition condition) {
        try {
            Thread.sleep(condition.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
