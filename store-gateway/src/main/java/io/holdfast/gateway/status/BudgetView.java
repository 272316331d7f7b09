package io.holdfast.gateway.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.holdfast.budget.BudgetStanding;

/** Offline budgets as the status page and the heartbeat show them. */
public final class BudgetView {

    private BudgetView() {
    }

    /** One capability's standing: its budget, when it went offline, what is used and left, and the rule in force. */
    public static Map<String, Object> of(BudgetStanding standing) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("capability", standing.capability().name());
        standing.budget().ifPresent(budget -> view.put("budgetSeconds", budget.toSeconds()));
        standing.offlineSince().ifPresent(since -> view.put("offlineSince", since.toString()));
        view.put("usedSeconds", standing.used().toSeconds());
        view.put("usedPercent", standing.usedPercent());
        standing.remaining().ifPresent(left -> view.put("remainingSeconds", left.toSeconds()));
        view.put("limitPercent", standing.limitPercent());
        standing.nextStepAt().ifPresent(next -> view.put("nextStepAt", next.toString()));
        standing.words().ifPresent(words -> view.put("why", words));
        return view;
    }

    /** For the heartbeat: only the capabilities offline now with a budget, by name; empty while none is. */
    public static Map<String, Object> offlineOnly(List<BudgetStanding> standings) {
        Map<String, Object> offline = new LinkedHashMap<>();
        for (BudgetStanding standing : standings) {
            if (standing.offlineSince().isPresent() && standing.budget().isPresent()) {
                Map<String, Object> view = of(standing);
                view.remove("capability");
                view.remove("why");
                offline.put(standing.capability().name(), view);
            }
        }
        return offline;
    }
}
