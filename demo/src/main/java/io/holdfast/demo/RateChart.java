package io.holdfast.demo;

import java.util.List;
import java.util.Locale;

/**
 * The event rate at central, second by second, as an SVG line chart: one line per restoration and
 * a dashed line at the admitted rate. Small enough to write by hand and for the README to show.
 */
final class RateChart {

    /** One restoration's events applied at central in each second. */
    record Series(String name, List<Long> perSecond) {
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;
    private static final List<String> COLOURS = List.of("#1f5fa8", "#c0392b", "#2e8b57");

    private RateChart() {
    }

    static String svg(long admitted, List<Series> series) {
        long seconds = Math.max(1, series.stream().mapToLong(s -> s.perSecond().size()).max().orElse(1));
        long top = Math.max(admitted * 5 / 4, series.stream().flatMap(s -> s.perSecond().stream())
                .mapToLong(Long::longValue).max().orElse(1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\""
                + " aria-label=\"Events applied at central per second during each restoration\">%n", WIDTH, HEIGHT,
                WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">Events applied at central per"
                + " second</text>%n", LEFT));
        svg.append(axis(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
        svg.append(axis(LEFT, TOP, LEFT, TOP + plotHeight));
        for (int tick = 0; tick <= 4; tick++) {
            long value = top * tick / 4;
            double y = TOP + plotHeight - plotHeight * value / top;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>%n",
                    LEFT - 6, y + 4, value));
        }
        for (int tick = 0; tick <= 5; tick++) {
            long second = seconds * tick / 5;
            double x = LEFT + plotWidth * second / seconds;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d s</text>%n", x,
                    TOP + plotHeight + 18, second));
        }
        double admittedY = TOP + plotHeight - plotHeight * admitted / top;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\""
                + " stroke-dasharray=\"6 4\"/>%n", LEFT, admittedY, LEFT + plotWidth, admittedY));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">admitted"
                + " %,d/s</text>%n", LEFT + plotWidth, admittedY - 5, admitted));
        for (int i = 0; i < series.size(); i++) {
            Series one = series.get(i);
            String colour = COLOURS.get(i % COLOURS.size());
            StringBuilder points = new StringBuilder();
            for (int second = 0; second < one.perSecond().size(); second++) {
                double x = LEFT + plotWidth * (second + 1) / seconds;
                double y = TOP + plotHeight - plotHeight * one.perSecond().get(second) / top;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                    + " points=\"%s\"/>%n", colour, points.toString().strip()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", LEFT + 10 + i * 200,
                    HEIGHT - 12, colour, escape(one.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String axis(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>%n",
                x1, y1, x2, y2);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
