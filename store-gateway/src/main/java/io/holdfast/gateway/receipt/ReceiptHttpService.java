package io.holdfast.gateway.receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.AmountBody;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.money.AmountOutOfRangeException;
import io.holdfast.money.Money;
import io.holdfast.receipt.EReceipts;
import io.holdfast.receipt.PostingOutcome;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.receipt.Tender;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;

/**
 * {@code POST /api/v1/receipts}: a till posts a sale to the journal. Tills only. A malformed
 * receipt is a 400 naming the field; a retry of the same sale answers 200 with the same e-receipt;
 * a different sale under a used receipt id is a 409. The answer carries the signed e-receipt for
 * the till to print as a QR code, when the store has a signing key. A sale dated more than
 * {@link #CLOCK_SKEW} after the store's clock is refused: a till cannot sell in the future, and a
 * receipt dated so would stretch the return window it is judged by.
 */
public final class ReceiptHttpService implements HttpService {

    private static final String CODE = "receipt-invalid";
    private static final String TITLE = "The receipt is not valid";
    /** How far a till's clock may run ahead of the store's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    record LineBody(Integer lineNumber, String sku, String description, Integer quantity, AmountBody unitPrice,
                    String category) {
    }

    record TenderBody(String kind, AmountBody amount, String reference) {
    }

    record Body(String receiptId, String issuedAt, List<LineBody> lines, List<TenderBody> tenders, String loyaltyId) {
    }

    private final ReceiptPosting posting;
    private final EReceipts eReceipts;
    private final Access access;
    private final Clock clock;

    public ReceiptHttpService(ReceiptPosting posting, EReceipts eReceipts, Access access, Clock clock) {
        this.posting = posting;
        this.eReceipts = eReceipts;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post);
    }

    private void post(ServerRequest request, ServerResponse response) {
        Session till = access.require(request, EnumSet.of(Role.TILL));
        Receipt receipt = receipt(Json.read(request, Body.class), till.principal());
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        if (receipt.issuedAt().isAfter(latest)) {
            throw ProblemException.field(422, CODE, TITLE, "issuedAt", "is " + receipt.issuedAt()
                    + ", after the store's clock (" + latest + " with " + CLOCK_SKEW.toMinutes()
                    + " minutes' tolerance); check the till's clock");
        }
        switch (posting.post(receipt)) {
            case PostingOutcome.Recorded recorded -> Json.send(response, Status.CREATED_201,
                    view(recorded.receipt(), recorded.loyaltyQueued(), false));
            case PostingOutcome.AlreadyRecorded again -> Json.send(response, Status.OK_200,
                    view(again.receipt(), again.receipt().loyaltyId().isPresent(), true));
            case PostingOutcome.Conflict conflict -> throw new ProblemException(409, "receipt-conflict",
                    "Another sale has this receipt id", conflict.reason());
        }
    }

    private Map<String, Object> view(Receipt receipt, boolean loyaltyQueued, boolean replayed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("receiptId", receipt.id().value());
        view.put("total", receipt.total());
        view.put("loyaltyQueued", loyaltyQueued);
        view.put("replayed", replayed);
        eReceipts.sign(receipt).ifPresent(code -> view.put("eReceipt", code));
        return view;
    }

    static Receipt receipt(Body body, String tillId) {
        ReceiptId id = field("receiptId", () -> new ReceiptId(required("receiptId", body.receiptId())));
        Instant issuedAt = field("issuedAt", () -> Instant.parse(required("issuedAt", body.issuedAt())));
        if (body.lines() == null || body.lines().isEmpty()) {
            throw invalid("lines", "a receipt needs at least one line");
        }
        if (body.tenders() == null || body.tenders().isEmpty()) {
            throw invalid("tenders", "a receipt needs at least one tender");
        }
        List<ReceiptLine> lines = new ArrayList<>();
        for (int i = 0; i < body.lines().size(); i++) {
            LineBody line = body.lines().get(i);
            String at = "lines[" + i + "]";
            if (line == null) {
                throw invalid(at, "a line cannot be null");
            }
            lines.add(field(at, () -> new ReceiptLine(required(at + ".lineNumber", line.lineNumber()),
                    required(at + ".sku", line.sku()), required(at + ".description", line.description()),
                    required(at + ".quantity", line.quantity()), money(at + ".unitPrice", line.unitPrice()),
                    line.category() == null ? ReceiptLine.GENERAL : line.category())));
        }
        List<Tender> tenders = new ArrayList<>();
        for (int i = 0; i < body.tenders().size(); i++) {
            TenderBody tender = body.tenders().get(i);
            String at = "tenders[" + i + "]";
            if (tender == null) {
                throw invalid(at, "a tender cannot be null");
            }
            tenders.add(field(at, () -> new Tender(
                    Tender.Kind.valueOf(required(at + ".kind", tender.kind()).toUpperCase(Locale.ROOT)),
                    money(at + ".amount", tender.amount()), required(at + ".reference", tender.reference()))));
        }
        Optional<String> loyalty = Optional.ofNullable(body.loyaltyId()).map(String::strip).filter(s -> !s.isEmpty());
        return field("tenders", () -> new Receipt(id, tillId, issuedAt, lines, tenders, loyalty));
    }

    private static Money money(String field, AmountBody amount) {
        if (amount == null) {
            throw invalid(field, "is missing");
        }
        return amount.toMoney(field, CODE, TITLE);
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw invalid(field, "is missing");
        }
        return value;
    }

    private interface Parse<T> {
        T get();
    }

    /** Runs a constructor; its validation message becomes a 400 naming the field. */
    private static <T> T field(String field, Parse<T> parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant such as 2026-11-21T09:12:00Z");
        } catch (AmountOutOfRangeException e) {
            throw ProblemException.field(422, "amount-out-of-range", "An amount is too large", field, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private static ProblemException invalid(String field, String detail) {
        return ProblemException.field(CODE, TITLE, field, detail);
    }
}
