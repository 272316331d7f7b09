package io.holdfast.gateway.returns;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.holdfast.money.Money;
import io.holdfast.returns.MadeReturn;
import io.holdfast.returns.Reason;
import io.holdfast.returns.RefundStatus;

/**
 * The customer's words, from one message bundle ({@code KioskMessages.properties}): the kiosk page's
 * labels and the text of every returns decision. Another language is one more properties file.
 */
public final class KioskText {

    static final String BUNDLE = "io.holdfast.gateway.returns.KioskMessages";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final ResourceBundle messages;
    private final Locale locale;

    public KioskText(Locale locale) {
        this.locale = locale;
        this.messages = ResourceBundle.getBundle(BUNDLE, locale);
    }

    public String render(Reason reason) {
        return text(reason.code(), reason.values());
    }

    /** The message for {@code key} with its {@code {name}} placeholders filled in. */
    public String text(String key, Map<String, Object> values) {
        String template;
        try {
            template = messages.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("the kiosk message bundle has no '" + key + "'", e);
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value == null ? placeholder.group()
                    : format(value)));
        }
        return placeholder.appendTail(out).toString();
    }

    public String format(Object value) {
        if (value instanceof Money money) {
            NumberFormat currency = NumberFormat.getCurrencyInstance(locale);
            currency.setCurrency(money.currency());
            return currency.format(java.math.BigDecimal.valueOf(money.amount(), money.currency().getDefaultFractionDigits()));
        }
        return String.valueOf(value);
    }

    /** "your original payment": where a refund to the original tender goes, in the customer's words. */
    public String originalPayment() {
        return text("kiosk.original-payment", Map.of());
    }

    /** What happens to the customer's money after a return, as the kiosk shows it and the receipt prints it. */
    public String outcome(MadeReturn made) {
        Map<String, Object> values = Map.of("amount", made.amount(), "tender", originalPayment(),
                "reference", made.refund().map(RefundStatus::refundId).orElse(""),
                "lastFour", made.creditLastFour().orElse(""));
        return text(switch (made.method()) {
            case STORE_CREDIT -> "kiosk.done.voucher";
            case DEFERRED_TO_ORIGINAL_TENDER -> "kiosk.done.deferred";
            case ORIGINAL_TENDER -> made.refund().map(RefundStatus::state).orElse(RefundStatus.State.DUE)
                    == RefundStatus.State.PAID ? "kiosk.done.paid" : "kiosk.done.deferred";
            case CASH -> "kiosk.done.cash";
        }, values);
    }

    /** Every message, for the kiosk page. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String key : messages.keySet()) {
            all.put(key, messages.getString(key));
        }
        return all;
    }
}
