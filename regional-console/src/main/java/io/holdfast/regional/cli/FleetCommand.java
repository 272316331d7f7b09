package io.holdfast.regional.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast fleet}: the console's actions from a terminal, for scripts and for when the page
 * is down. It signs in to the console's API as an operator (passphrase from
 * {@code HOLDFAST_PASSPHRASE} or the first line of standard input) and does one thing.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Regional IT's console from the command line: status, isolate, restore, waves, rollout.")
public final class FleetCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--console", defaultValue = "http://127.0.0.1:8070", scope = CommandLine.ScopeType.INHERIT,
            description = "The console's address (default: ${DEFAULT-VALUE}).")
    URI console;

    @Option(names = "--operator", defaultValue = "${env:HOLDFAST_OPERATOR}", scope = CommandLine.ScopeType.INHERIT,
            description = "Who signs in (or HOLDFAST_OPERATOR).")
    String operator;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "status", description = "Totals, and the stores that are offline, isolated or flagged.")
    int status() {
        return guard(this::printStatus);
    }

    private int printStatus() throws Exception {
        JsonNode fleet = call("GET", "/api/fleet", null);
        JsonNode totals = fleet.path("totals");
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d stores: %s; %d isolated, %d offline, %d flagged; %d events waiting, %d events/s now%n",
                totals.path("stores").asInt(), totals.path("modes"), totals.path("isolated").asInt(),
                totals.path("offline").asInt(), totals.path("flagged").asInt(), totals.path("backlog").asLong(),
                totals.path("eventsPerSecond").asLong());
        for (JsonNode row : fleet.path("rows")) {
            if (row.path("offline").asBoolean() || !row.path("mode").asText().equals("NORMAL")
                    || !row.path("flags").isEmpty()) {
                out.printf("  %-8s %-8s %-9s %s%s%s%n", row.path("store").asText(), row.path("region").asText(),
                        row.path("mode").asText(), row.path("capabilities"),
                        row.path("offline").asBoolean() ? " OFFLINE" : "",
                        row.path("flags").isEmpty() ? "" : " flagged: " + row.path("flags"));
            }
        }
        return 0;
    }

    @Command(name = "isolate", description = "Isolate capabilities at a target, at once (one operator is enough).")
    int isolate(@Option(names = "--capabilities", split = ",", required = true) List<String> capabilities,
                @Option(names = "--target", defaultValue = "all",
                        description = "all, region:NAME, cohort:NAME or store:ID (default: all)") String target,
                @Option(names = "--reason", defaultValue = "regional IT") String reason) {
        return guard(() -> contain("ISOLATE", capabilities, target, reason));
    }

    @Command(name = "restore", description = "Restore capabilities at a store, region or cohort (the whole fleet: 'waves').")
    int restore(@Option(names = "--capabilities", split = ",", required = true) List<String> capabilities,
                @Option(names = "--target", required = true) String target,
                @Option(names = "--reason", defaultValue = "regional IT") String reason) {
        return guard(() -> contain("RESTORE", capabilities, target, reason));
    }

    @Command(name = "notice", description = "What customers or colleagues are told about a capability in a state.")
    int notice(@Option(names = "--capability", required = true) String capability,
               @Option(names = "--state", required = true, description = "DEGRADED, ISOLATED or RESTORING") String state,
               @Option(names = "--audience", defaultValue = "CUSTOMER", description = "CUSTOMER or COLLEAGUE") String audience,
               @Option(names = "--text", required = true) String text,
               @Option(names = "--target", defaultValue = "all") String target) {
        return guard(() -> {
            ObjectNode body = JSON.createObjectNode().put("capability", capability).put("state", state)
                    .put("audience", audience).put("text", text);
            return sent("notice", call("POST", "/api/notices", targeted(body, target)));
        });
    }

    @Command(name = "rate", description = "The most events a second each store sends to central while it resyncs.")
    int rate(@Option(names = "--events-per-second", required = true) int perSecond,
             @Option(names = "--target", defaultValue = "all") String target) {
        return guard(() -> sent("resync rate", call("POST", "/api/rates",
                targeted(JSON.createObjectNode().put("eventsPerSecond", perSecond), target))));
    }

    @Command(name = "policy", description = "Push a policy document (JSON with a version higher than the stores').")
    int policy(@Option(names = "--file", required = true) Path file,
               @Option(names = "--target", defaultValue = "all") String target) {
        return guard(() -> {
            ObjectNode body = JSON.createObjectNode();
            body.set("policy", JSON.readTree(file.toFile()));
            return sent("policy", call("POST", "/api/policies", targeted(body, target)));
        });
    }

    @Command(name = "actions", description = "The latest actions, and how many stores have shown they obeyed.")
    int actions() {
        return guard(() -> {
            for (JsonNode action : call("GET", "/api/actions", null)) {
                spec.commandLine().getOut().printf("%s  %-50s %-8s %s stores, %s%n", action.path("signedAt").asText(),
                        action.path("summary").asText(), action.path("requestedBy").asText(),
                        action.path("stores").asText(), action.path("watched").asLong() == 0 ? "not shown in heartbeats"
                                : action.path("obeyed").asText() + " of " + action.path("watched").asText() + " obeyed");
            }
            return 0;
        });
    }

    @Command(name = "waves", description = "Restorations in waves: list, request, approve, refuse, pause, resume, stop.")
    int waves(@Parameters(index = "0", description = "list, request, approve, refuse, pause, resume or stop") String action,
              @Parameters(index = "1", arity = "0..1", description = "the plan's id") Optional<String> id,
              @Option(names = "--capability") Optional<String> capability,
              @Option(names = "--stores-per-wave", defaultValue = "10") int perWave,
              @Option(names = "--admitted-rate") Optional<Integer> admitted) {
        return guard(() -> switch (action) {
            case "list" -> print(call("GET", "/api/waves", null).path("plans"));
            case "request" -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("capability", capability.orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "waves request needs --capability")));
                body.put("storesPerWave", perWave);
                admitted.ifPresent(rate -> body.put("admittedRate", rate));
                yield print(call("POST", "/api/waves", body));
            }
            case "approve", "refuse" -> print(call("POST", "/api/approvals/" + need(id, action),
                    JSON.createObjectNode().put("decision", action.equals("approve") ? "APPROVE" : "REFUSE")));
            default -> print(call("POST", "/api/waves/" + need(id, action) + "/" + action, JSON.createObjectNode()));
        });
    }

    @Command(name = "rollout", description = "Rollouts of a release bundle: list, request, approve, refuse, pause, resume, cancel.")
    int rollout(@Parameters(index = "0", description = "list, request, approve, refuse, pause, resume or cancel") String action,
                @Parameters(index = "1", arity = "0..1", description = "the rollout's id") Optional<String> id,
                @Option(names = "--bundle", description = "the bundle, on the console's machine") Optional<Path> bundle,
                @Option(names = "--percentages", split = ",", defaultValue = "5,25,100") List<Integer> percentages,
                @Option(names = "--cohort") Optional<String> cohort,
                @Option(names = "--urgent") boolean urgent) {
        return guard(() -> switch (action) {
            case "list" -> print(call("GET", "/api/rollouts", null));
            case "request" -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("bundle", bundle.orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "rollout request needs --bundle FILE")).toAbsolutePath().toString());
                percentages.forEach(body.putArray("percentages")::add);
                cohort.ifPresent(c -> body.put("cohort", c));
                body.put("urgent", urgent);
                yield print(call("POST", "/api/rollouts", body));
            }
            case "approve", "refuse" -> print(call("POST", "/api/approvals/" + need(id, action),
                    JSON.createObjectNode().put("decision", action.equals("approve") ? "APPROVE" : "REFUSE")));
            default -> print(call("POST", "/api/rollouts/" + need(id, action) + "/" + action, JSON.createObjectNode()));
        });
    }

    private int contain(String type, List<String> capabilities, String target, String reason) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        capabilities.forEach(body.putArray("capabilities")::add);
        body.put("reason", reason);
        JsonNode sent = call("POST", "/api/containment", targeted(body, target));
        spec.commandLine().getOut().printf("%s %s signed and sent to %d stores (%d commands)%n", type,
                String.join(",", capabilities), sent.path("stores").asInt(), sent.path("commands").size());
        return 0;
    }

    /** One line on standard error and exit code 1 for what the console refused or could not be asked. */
    private int guard(Callable<Integer> action) {
        try {
            return action.call();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (IllegalStateException | IOException e) {
            spec.commandLine().getErr().println("holdfast: fleet: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body with {@code target} as {@code all}, {@code region:NAME}, {@code cohort:NAME} or {@code store:ID}. */
    private static ObjectNode targeted(ObjectNode body, String target) {
        ObjectNode where = body.putObject("target");
        int colon = target.indexOf(':');
        where.put("kind", colon < 0 ? target : target.substring(0, colon));
        where.put("value", colon < 0 ? "" : target.substring(colon + 1));
        return body;
    }

    private int sent(String what, JsonNode answer) {
        spec.commandLine().getOut().printf("%s signed and sent to %d stores%n", what, answer.path("stores").asInt());
        return 0;
    }

    private String need(Optional<String> id, String action) {
        return id.orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), action + " needs an id"));
    }

    private int print(JsonNode answer) {
        spec.commandLine().getOut().println(answer.toPrettyString());
        return 0;
    }

    private JsonNode call(String method, String path, JsonNode body) throws Exception {
        if (token == null) {
            token = signIn();
        }
        return send(method, path, body, token);
    }

    private String signIn() throws Exception {
        if (operator == null || operator.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--operator (or HOLDFAST_OPERATOR) is needed");
        }
        String passphrase = System.getenv("HOLDFAST_PASSPHRASE");
        if (passphrase == null) {
            passphrase = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        ObjectNode body = JSON.createObjectNode().put("operator", operator).put("passphrase",
                passphrase == null ? "" : passphrase);
        return send("POST", "/api/sessions", body, "").path("token").asText();
    }

    private JsonNode send(String method, String path, JsonNode body, String bearer) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IllegalStateException("the console does not answer at " + console + " (--console names it)");
        }
        JsonNode json = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
        if (answer.statusCode() >= 400) {
            throw new IllegalStateException(json.path("code").asText("http-" + answer.statusCode()) + ": "
                    + json.path("detail").asText(answer.body()));
        }
        return json;
    }
}
