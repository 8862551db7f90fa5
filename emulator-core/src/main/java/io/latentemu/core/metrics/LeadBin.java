package io.latentemu.core.metrics;

import java.util.List;

/**
 * A range of lead times, 1-based and inclusive, over which per-lead metrics are averaged.
 *
 * @param first first lead time, &ge; 1
 * @param last  last lead time, &ge; first
 */
public record LeadBin(int first, int last) {

    public LeadBin {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("lead bin needs 1 <= first <= last, got " + first + "-" + last);
        }
    }

    /** Label such as {@code "1-20"}. */
    public String label() {
        return first + "-" + last;
    }

    /**
     * The study's bins scaled to {@code leads} lead times: the first 20%, the next 40% and the last 40%
     * (1-20, 21-60, 61-100 for 100).
     */
    public static List<LeadBin> study(int leads) {
        if (leads < 3) {
            throw new IllegalArgumentException("need at least 3 lead times for three bins, got " + leads);
        }
        int a = Math.max(1, (int) Math.round(0.2 * leads));
        int b = Math.max(a + 1, (int) Math.round(0.6 * leads));
        b = Math.min(b, leads - 1);
        return List.of(new LeadBin(1, a), new LeadBin(a + 1, b), new LeadBin(b + 1, leads));
    }
}
