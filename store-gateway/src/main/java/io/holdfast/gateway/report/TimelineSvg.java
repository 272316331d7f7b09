package io.holdfast.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.holdfast.mode.CapabilityState;
import io.holdfast.report.DayReport;
import io.holdfast.report.DaySummary;
import io.holdfast.report.DayTimeline;

/**
 * The day's timeline as an SVG picture: one row per capability across the day from midnight to
 * midnight in the store's zone, each stretch coloured by its state and named in words where it is
 * wide enough (and always in its tooltip), so it reads in black and white on paper too. The part of
 * today still to come is left empty.
 */
public final class TimelineSvg {

    static final int WIDTH = 960;
    private static final int LABEL = 120;
    private static final int ROW = 34;
    private static final int TOP = 28;
    private static final int BAR = 24;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final Map<CapabilityState, String> COLOURS = Map.of(
            CapabilityState.ONLINE, "#2e7d32",
            CapabilityState.DEGRADED, "#f9a825",
            CapabilityState.ISOLATED, "#c62828",
            CapabilityState.RESTORING, "#1565c0");

    private TimelineSvg() {
    }

    public static String render(DayReport report) {
        Instant dayStart = report.from();
        Instant dayEnd = report.day().plusDays(1).atStartOfDay(report.zone()).toInstant();
        double span = Duration.between(dayStart, dayEnd).toSeconds();
        double plot = WIDTH - LABEL - 30;
        int height = TOP + report.time().size() * ROW + 36;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<title>Each capability's state through ").append(report.day()).append(" (")
                .append(report.zone()).append(")</title>\n");
        for (int hour = 0; hour <= 24; hour += 3) {
            Instant tick = report.day().atStartOfDay(report.zone()).plusHours(hour).toInstant();
            double x = LABEL + plot * Math.min(span, Duration.between(dayStart, tick).toSeconds()) / span;
            svg.append("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\"/>%n"
                    .formatted(x, TOP - 6, x, TOP + report.time().size() * ROW));
            svg.append("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%02d:00</text>%n"
                    .formatted(x, TOP - 10, hour));
        }
        int y = TOP;
        for (DayTimeline timeline : report.time()) {
            svg.append("<text x=\"0\" y=\"%d\" font-weight=\"bold\">%s</text>%n"
                    .formatted(y + BAR / 2 + 4, DaySummary.words(timeline.capability().name())));
            for (DayTimeline.Segment segment : timeline.segments()) {
                double x = LABEL + plot * Duration.between(dayStart, segment.from()).toSeconds() / span;
                double width = Math.max(1, plot * segment.length().toSeconds() / span);
                String state = segment.state().name();
                svg.append("<g class=\"segment ").append(state.toLowerCase(Locale.ROOT)).append("\">")
                        .append("<title>%s %s %s to %s (%s)</title>".formatted(DaySummary.words(timeline.capability().name()),
                                state, time(segment.from(), report), time(segment.to(), report), DaySummary.length(segment.length())))
                        .append("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                                .formatted(x, y, width, BAR, COLOURS.get(segment.state())));
                if (width > 8 * state.length()) {
                    svg.append("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#fff\">%s</text>"
                            .formatted(x + width / 2, y + BAR / 2 + 4, state));
                }
                svg.append("</g>\n");
            }
            y += ROW;
        }
        int legendX = LABEL;
        for (CapabilityState state : CapabilityState.values()) {
            svg.append("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    .formatted(legendX, y + 8, COLOURS.get(state)))
                    .append("<text x=\"%d\" y=\"%d\">%s</text>%n".formatted(legendX + 16, y + 18, state));
            legendX += 130;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String time(Instant instant, DayReport report) {
        ZonedDateTime local = instant.atZone(report.zone());
        return local.toLocalDate().isAfter(report.day()) ? "24:00" : CLOCK.format(local);
    }

}
