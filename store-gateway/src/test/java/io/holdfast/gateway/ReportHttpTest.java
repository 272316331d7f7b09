package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.report.DaySignOffs;
import io.holdfast.testing.TestClocks;

/**
 * The end-of-day report over real HTTP: its figures as JSON, the timeline picture, the sign-off
 * (once, audited) and the printer, with every bad request answered as a problem with a stable code.
 */
class ReportHttpTest {

    @TempDir
    Path folder;
    private Gateway gateway;
    private String base;
    private String supervisor;

    @BeforeEach
    void start() {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421"), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port() + "/api/v1/reports/day/";
        supervisor = TestStores.signIn("http://127.0.0.1:" + gateway.port(), TestStores.SUPERVISOR);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void todaysReportShowsTheIsolationAsItHappenedAndEveryCapability() {
        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.STORE_MANAGER,
                TestStores.SUPERVISOR, "card skimmer found on the till");

        HttpResponse<String> answer = HttpCalls.get(base + "today", "Authorization", supervisor);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode report = HttpCalls.json(answer);
        assertThat(report.path("day").asText()).isEqualTo(gateway.services().reports.today().toString());
        assertThat(report.path("storeId").asText()).isEqualTo("0421");
        assertThat(report.path("time")).hasSize(Capability.values().length);
        JsonNode giftCards = timeOf(report, "GIFT_CARDS");
        assertThat(giftCards.path("segments").get(giftCards.path("segments").size() - 1).path("state").asText())
                .isEqualTo("ISOLATED");
        assertThat(report.path("offline").path("handOvers").path("offline").asLong()).isZero();
        assertThat(report.path("offline").path("giftCards").path("storeCap").path("display").asText()).startsWith("£");
        assertThat(report.path("backlog")).hasSize(Capability.values().length);
        assertThat(report.path("signOff").isNull()).isTrue();
    }

    @Test
    void theTimelineIsAnSvgPictureWithARowPerCapability() throws Exception {
        HttpResponse<String> answer = HttpCalls.get(base + "today/timeline.svg", "Authorization", supervisor);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("image/svg+xml"));
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        List<String> labels = new ArrayList<>();
        NodeList texts = svg.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            labels.add(texts.item(i).getTextContent());
        }
        assertThat(labels).contains("Orders", "Refunds", "Gift cards", "Payments", "Loyalty", "00:00", "24:00");
    }

    @Test
    void aDayIsSignedOffOnceWithANoteAndTheSecondTryIsToldWhoSignedIt() {
        String today = gateway.services().reports.today().toString();
        assertProblem(HttpCalls.postJson(base + today + "/sign-off", "{\"note\": \"  \"}", "Authorization", supervisor),
                422, "sign-off-note-missing");

        HttpResponse<String> signed = HttpCalls.postJson(base + today + "/sign-off",
                "{\"note\": \"Checked the offline refunds.\"}", "Authorization", supervisor);
        assertThat(signed.statusCode()).isEqualTo(201);
        assertThat(HttpCalls.json(signed).path("staffId").asText()).isEqualTo(TestStores.SUPERVISOR);

        HttpResponse<String> again = HttpCalls.postJson(base + today + "/sign-off", "{\"note\": \"closing\"}",
                "Authorization", supervisor);
        assertProblem(again, 409, "day-already-signed-off");
        assertThat(HttpCalls.json(again).path("detail").asText()).contains(TestStores.SUPERVISOR, "Checked the offline refunds.");
        assertThat(HttpCalls.json(HttpCalls.get(base + today, "Authorization", supervisor)).path("signOff").path("note")
                .asText()).isEqualTo("Checked the offline refunds.");
        assertThat(gateway.services().audit().latest(5)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(DaySignOffs.AUDIT_ACTION);
            assertThat(entry.subject()).isEqualTo(today);
        });
    }

    @Test
    void badDaysAndTheWrongPeopleGetProblemsWithStableCodes() {
        LocalDate tomorrow = gateway.services().reports.today().plusDays(1);
        assertProblem(HttpCalls.get(base + "24-11-2026", "Authorization", supervisor), 400, "report-day-invalid");
        assertProblem(HttpCalls.get(base + tomorrow, "Authorization", supervisor), 422, "report-day-not-begun");
        assertProblem(HttpCalls.get(base + tomorrow + "/timeline.svg", "Authorization", supervisor), 422,
                "report-day-not-begun");
        assertProblem(HttpCalls.postJson(base + tomorrow + "/sign-off", "{\"note\": \"early\"}", "Authorization",
                supervisor), 422, "report-day-not-begun");
        assertProblem(HttpCalls.postJson(base + "today/sign-off", "{\"note\": \"ok\", \"extra\": 1}",
                "Authorization", supervisor), 400, "malformed-json");
        assertProblem(HttpCalls.postJson(base + "today/print", "{}", "Authorization", supervisor), 409, "no-printer");
        String colleague = TestStores.signIn("http://127.0.0.1:" + gateway.port(), TestStores.COLLEAGUE);
        assertProblem(HttpCalls.get(base + "today", "Authorization", colleague), 403, "role-not-allowed");
        assertProblem(HttpCalls.get(base + "today"), 401, "sign-in-required");
    }

    private static JsonNode timeOf(JsonNode report, String capability) {
        for (JsonNode each : report.path("time")) {
            if (each.path("capability").asText().equals(capability)) {
                return each;
            }
        }
        throw new AssertionError("no " + capability + " in " + report);
    }
}
