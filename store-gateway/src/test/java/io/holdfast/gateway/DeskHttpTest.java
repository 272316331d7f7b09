package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.order.CollectionQr;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.testing.TestClocks;

/** The collection desk over real HTTP: sign-in, search, hand-over, QR codes, return to sender, exceptions. */
class DeskHttpTest {

    @TempDir
    Path folder;
    private final KeyPair central = ed25519();
    private Gateway gateway;
    private String base;
    private String colleague;

    @BeforeEach
    void start() {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of(TestStores.anOrder("CC-100001"), TestStores.anOrder("CC-100002")));
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421").withDesk(TestStores.desk()
                .withCentralSigningKey(central.getPublic())
                .withDevice("kiosk-1", io.holdfast.staff.Role.KIOSK, StaffDirectory.sha256("kiosk-secret"))), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aWrongPinIs401ThenTheAccountLocks() {
        HttpResponse<String> wrong = signIn("{\"staffId\": \"S1001\", \"pin\": \"0000\"}");
        assertProblem(wrong, 401, "credentials-incorrect");
        assertThat(HttpCalls.json(wrong).path("attemptsLeft").asInt()).isEqualTo(4);
        for (int i = 0; i < 3; i++) {
            signIn("{\"staffId\": \"S1001\", \"pin\": \"0000\"}");
        }

        assertProblem(signIn("{\"staffId\": \"S1001\", \"pin\": \"0000\"}"), 423, "staff-locked");
        assertProblem(signIn("{\"staffId\": \"S1001\", \"pin\": \"2468\"}"), 423, "staff-locked");
        assertProblem(signIn("{}"), 422, "credentials-missing");
    }

    @Test
    void fiveHundredParallelWrongPinsFromOneDeviceGetAtMostFiveGuesses() throws Exception {
        Map<String, Integer> codes = new java.util.concurrent.ConcurrentHashMap<>();
        try (ExecutorService desks = Executors.newFixedThreadPool(50)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String guess = "%04d".formatted(3000 + i);
                sent.add(desks.submit(() -> codes.merge(HttpCalls.json(
                        signIn("{\"staffId\": \"S1001\", \"pin\": \"" + guess + "\"}")).path("code").asText(),
                        1, Integer::sum)));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        }

        assertThat(codes.keySet()).isSubsetOf("credentials-incorrect", "staff-locked", "sign-in-throttled");
        assertThat(codes.getOrDefault("credentials-incorrect", 0)).as(codes.toString()).isLessThanOrEqualTo(4);
        assertThat(codes.getOrDefault("sign-in-throttled", 0)).as("the device is slowed down").isPositive();
        Thread.sleep(1000);
        assertProblem(signIn("{\"staffId\": \"S1001\", \"pin\": \"2468\"}"), 423, "staff-locked");
    }

    @Test
    void aKioskMaySignInButNotUseTheDesk() {
        HttpResponse<String> kiosk = signIn("{\"deviceId\": \"kiosk-1\", \"deviceToken\": \"kiosk-secret\"}");
        assertThat(kiosk.statusCode()).isEqualTo(201);
        assertThat(HttpCalls.json(kiosk).path("role").asText()).isEqualTo("KIOSK");
        String token = "Bearer " + HttpCalls.json(kiosk).path("token").asText();

        assertProblem(HttpCalls.get(base + "/api/v1/orders?query=smith", "Authorization", token), 403, "role-not-allowed");
    }

    @Test
    void signingOutEndsTheSession() {
        HttpResponse<String> out = HttpCalls.delete(base + "/api/v1/sessions/current", "Authorization", colleague);

        assertThat(out.statusCode()).isEqualTo(204);
        assertProblem(HttpCalls.get(base + "/api/v1/orders/CC-100001", "Authorization", colleague), 401, "sign-in-required");
    }

    @Test
    void findsOrdersByNameAndPostcodeByNumberAndByCode() {
        assertThat(found("jane LS1")).containsExactly("CC-100001", "CC-100002");
        assertThat(found("cc-100002")).containsExactly("CC-100002");
        assertThat(found("123456")).containsExactly("CC-100001", "CC-100002");
        assertProblem(HttpCalls.get(base + "/api/v1/orders?query=", "Authorization", colleague), 422, "search-invalid");
    }

    @Test
    void handsOverPartOfAnOrderAndTheSameKeyReplaysTheFirstAnswer() {
        HttpResponse<String> first = collect("CC-100001", "key-1", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"COLLECTION_CODE\", \"expectedVersion\": 1}");
        HttpResponse<String> again = collect("CC-100001", "key-1", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"COLLECTION_CODE\", \"expectedVersion\": 1}");

        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode body = HttpCalls.json(first);
        assertThat(body.path("order").path("status").asText()).isEqualTo("PARTLY_COLLECTED");
        assertThat(body.path("order").path("lines").get(0).path("quantityWaiting").asInt()).isEqualTo(1);
        assertThat(body.path("collection").path("staffId").asText()).isEqualTo("S1001");
        assertThat(body.path("collection").path("offline").asBoolean())
                .as("central is unreachable in this test, so the desk collected offline").isTrue();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(HttpCalls.json(again).path("collection")).isEqualTo(body.path("collection"));
    }

    @Test
    void aStaleDeskGets409WithTheOrderAsItNowIs() {
        collect("CC-100001", "desk-1", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 2}], \"verification\": \"ID_SEEN\","
                + " \"expectedVersion\": 1}");

        HttpResponse<String> stale = collect("CC-100001", "desk-2", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 2}],"
                + " \"verification\": \"ID_SEEN\", \"expectedVersion\": 1}");

        assertProblem(stale, 409, "order-changed");
        assertThat(HttpCalls.json(stale).path("order").path("version").asInt()).isEqualTo(2);
        assertThat(HttpCalls.json(stale).path("order").path("lines").get(0).path("quantityWaiting").asInt()).isZero();
    }

    @Test
    void collectingMoreThanIsLeftIs409AndBadRequestsAre4xx() {
        assertProblem(collect("CC-100001", "k1", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 3}], \"verification\": \"ID_SEEN\"}"),
                409, "quantity-exceeds-remaining");
        assertProblem(collect("CC-999999", "k2", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}"),
                404, "order-not-found");
        assertProblem(collect("CC-100001", "k3", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 0}], \"verification\": \"ID_SEEN\"}"),
                422, "request-invalid");
        assertProblem(collect("CC-100001", "k4", "{\"lines\": [], \"verification\": \"ID_SEEN\"}"), 422, "nothing-to-collect");
        assertProblem(collect("CC-100001", "k5", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"VIBES\"}"),
                422, "verification-invalid");
        assertProblem(collect("CC-100001", "k5a", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"PROXY\", \"idKind\": \"PASSPORT\"}"), 422, "identity-check-invalid");
        assertProblem(collect("CC-100001", "k5b", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"PROXY\", \"collectorName\": \"Sam Lee\"}"), 422, "identity-check-invalid");
        assertProblem(collect("CC-100001", "k5c", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"ID_SEEN\", \"idKind\": \"LIBRARY_CARD\"}"), 422, "id-kind-invalid");
        assertProblem(collect("CC-100001", "k5e", "{\"lines\": [], \"notCollected\": [{\"lineNumber\": 1,"
                + " \"quantity\": 1, \"reason\": \"LOST_INTEREST\"}], \"verification\": \"ID_SEEN\"}"), 422,
                "not-collected-reason-invalid");
        assertProblem(collect("CC-100001", "k5f", "{\"lines\": [], \"notCollected\": [{\"lineNumber\": 1,"
                + " \"quantity\": 1, \"reason\": \"DAMAGED\"}, {\"lineNumber\": 1, \"quantity\": 1, \"reason\":"
                + " \"MISSING\"}], \"verification\": \"ID_SEEN\"}"), 422, "collection-lines-invalid");
        assertProblem(collect("CC-100001", "k5d", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"COLLECTION_CODE\", \"collectorName\": \"Sam Lee\"}"), 422, "identity-check-invalid");
        assertProblem(collect("CC-100001", "k6", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}"), 400, "malformed-json");
        assertProblem(HttpCalls.post(base + "/api/v1/orders/CC-100001/collections", "application/json",
                "{}".getBytes()), 401, "sign-in-required");
    }

    @Test
    void aHandOverNeedsAnIdempotencyKey() {
        HttpResponse<String> response = HttpCalls.postJson(base + "/api/v1/orders/CC-100001/collections",
                "{\"lines\": [], \"verification\": \"ID_SEEN\"}", "Authorization", colleague);

        assertProblem(response, 400, "idempotency-key-missing");
    }

    @Test
    void anOverlongIdempotencyKeyOrALineNamedTwiceIsAClearAnswerNotAFault() {
        assertProblem(collect("CC-100001", "k".repeat(129), "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}],"
                + " \"verification\": \"ID_SEEN\"}"), 400, "idempotency-key-invalid");
        assertProblem(collect("CC-100001", "twice", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1},"
                + " {\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}"), 422, "collection-lines-invalid");
        assertProblem(collect("CC-100001", "half", "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1.5}],"
                + " \"verification\": \"ID_SEEN\"}"), 422, "whole-number-required");
    }

    @Test
    void aGenuineQrCodeShowsTheOrderAndAForgedExpiredOrForeignOneIsRefused() {
        Instant inAWeek = TestClocks.TICKING.instant().plusSeconds(7 * 86400);
        String genuine = CollectionQr.sign(new CollectionQr.Claims("CC-100002", "0421", inAWeek), central.getPrivate());
        String notInManifest = CollectionQr.sign(new CollectionQr.Claims("CC-777777", "0421", inAWeek), central.getPrivate());
        String forged = CollectionQr.sign(new CollectionQr.Claims("CC-100002", "0421", inAWeek), ed25519().getPrivate());
        String expired = CollectionQr.sign(new CollectionQr.Claims("CC-100002", "0421", TestClocks.TICKING.instant().minusSeconds(60)),
                central.getPrivate());
        String foreign = CollectionQr.sign(new CollectionQr.Claims("CC-100002", "0117", inAWeek), central.getPrivate());

        JsonNode valid = HttpCalls.json(verify(genuine));
        assertThat(valid.path("valid").asBoolean()).isTrue();
        assertThat(valid.path("order").path("orderId").asText()).isEqualTo("CC-100002");
        JsonNode missing = HttpCalls.json(verify(notInManifest));
        assertThat(missing.path("inManifest").asBoolean()).isFalse();
        assertThat(missing.path("note").asText()).contains("CC-777777").contains("not in this store's manifest");
        assertProblem(verify(forged), 422, "qr-invalid");
        assertThat(HttpCalls.json(verify(forged)).path("detail").asText()).startsWith("This code was not issued by head office");
        assertThat(HttpCalls.json(verify(expired)).path("detail").asText()).startsWith("This code expired on");
        assertThat(HttpCalls.json(verify(foreign)).path("detail").asText()).startsWith("This code is for store 0117");
        assertProblem(verify("HFC1.broken"), 422, "qr-invalid");
        assertProblem(verify("4006381333931"), 422, "qr-invalid");
    }

    @Test
    void expiredOrdersAreListedToGoBackAndMarkedWhenTheyDo() {
        assertProblem(post("/api/v1/orders/CC-100001/return-to-sender", "", colleague), 409, "order-not-expired");
        assertThat(HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/return-to-sender", "Authorization", colleague))
                .path("orders")).isEmpty();
    }

    @Test
    void supervisorsSeeTheManagersExceptionsAndAColleagueOnlyThoseAssignedToThem() {
        HttpResponse<String> mine = HttpCalls.get(base + "/api/v1/exceptions", "Authorization", colleague);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(HttpCalls.json(mine).path("exceptions")).isEmpty();

        String supervisor = TestStores.signIn(base, TestStores.SUPERVISOR);
        HttpResponse<String> list = HttpCalls.get(base + "/api/v1/exceptions", "Authorization", supervisor);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(HttpCalls.json(list).path("exceptions")).isEmpty();
        assertProblem(post("/api/v1/exceptions/EX-nope/resolution", "{\"note\": \"done\"}", supervisor),
                404, "exception-not-open");
    }

    @Test
    void anExceptionIsAssignedToAColleagueWorkedWithTheActionsOfItsKindAndItsHistoryKept() {
        gateway.services().database.inTransaction("raise", connection -> {
            ManagerExceptions.raise(connection, ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION, "CC-100001",
                    "Head office cancelled CC-100001 after it was handed over.", TestClocks.TICKING.instant());
            return null;
        });
        String supervisor = TestStores.signIn(base, TestStores.SUPERVISOR);
        JsonNode listed = HttpCalls.json(HttpCalls.get(base + "/api/v1/exceptions", "Authorization", supervisor))
                .path("exceptions").get(0);
        String id = listed.path("exceptionId").asText();
        assertThat(listed.path("actions").toString()).isEqualTo("[\"CONTACT_CUSTOMER\",\"WRITE_OFF\"]");
        String path = "/api/v1/exceptions/" + id;

        assertProblem(post(path + "/assignment", "{\"staffId\": \"S1001\"}", colleague), 403, "role-not-allowed");
        assertThat(post(path + "/assignment", "{\"staffId\": \"S1001\"}", supervisor).statusCode()).isEqualTo(200);
        assertThat(HttpCalls.json(HttpCalls.get(base + "/api/v1/exceptions", "Authorization", colleague))
                .path("exceptions")).as("now the colleague's").hasSize(1);
        assertThat(post(path + "/notes", "{\"note\": \"Customer is on holiday until Monday.\"}", colleague)
                .statusCode()).isEqualTo(200);
        assertProblem(post(path + "/actions", "{\"action\": \"BLOCK\", \"note\": \"x\"}", colleague), 422,
                "exception-action-not-allowed");
        assertProblem(post(path + "/actions", "{\"action\": \"SHRUG\", \"note\": \"x\"}", colleague), 422,
                "exception-action-invalid");
        assertProblem(post(path + "/actions", "{\"action\": \"WRITE_OFF\", \"note\": \" \"}", colleague), 422,
                "note-missing");
        HttpResponse<String> contacted = post(path + "/actions",
                "{\"action\": \"CONTACT_CUSTOMER\", \"note\": \"Left a voicemail.\"}", colleague);
        assertThat(HttpCalls.json(contacted).path("open").asBoolean()).isTrue();
        HttpResponse<String> written = post(path + "/actions",
                "{\"action\": \"WRITE_OFF\", \"note\": \"Shirt, £29.50: written off.\"}", supervisor);
        assertThat(HttpCalls.json(written).path("open").asBoolean()).isFalse();
        assertProblem(post(path + "/assignment", "{\"staffId\": \"S1002\"}", supervisor), 409, "exception-resolved");

        JsonNode history = HttpCalls.json(HttpCalls.get(base + path + "/history", "Authorization", colleague))
                .path("history");
        assertThat(history.findValuesAsText("entry"))
                .containsExactly("RAISED", "ASSIGNED", "NOTE", "ACTION", "ACTION", "RESOLVED");
        assertThat(history.get(4).path("action").asText()).isEqualTo("WRITE_OFF");
        assertProblem(HttpCalls.get(base + "/api/v1/exceptions/EX-nope/history", "Authorization", colleague), 404,
                "exception-not-found");
    }

    @Test
    void theDeskPageIsServedWithItsScript() {
        HttpResponse<String> page = HttpCalls.get(base + "/desk");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Collection desk").contains("/desk/page.js");
        assertThat(HttpCalls.get(base + "/desk/page.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertProblem(HttpCalls.get(base + "/desk/secrets.txt"), 404, "not-found");
    }

    private List<String> found(String query) {
        HttpResponse<String> response = HttpCalls.get(base + "/api/v1/orders?query="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8), "Authorization", colleague);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        HttpCalls.json(response).path("orders").forEach(o -> ids.add(o.path("orderId").asText()));
        return ids;
    }

    private HttpResponse<String> collect(String orderId, String key, String body) {
        return HttpCalls.postJson(base + "/api/v1/orders/" + orderId + "/collections", body,
                "Authorization", colleague, "Idempotency-Key", key);
    }

    private HttpResponse<String> verify(String qr) {
        return post("/api/v1/collection-codes/verification", "{\"qr\": \"" + qr + "\"}", colleague);
    }

    private HttpResponse<String> signIn(String body) {
        return HttpCalls.postJson(base + "/api/v1/sessions", body);
    }

    private HttpResponse<String> post(String path, String body, String authorization) {
        return HttpCalls.postJson(base + path, body, "Authorization", authorization);
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
