package io.latentemu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricTableTest {

    @Test
    void studyBinsFor100LeadsAre1To20And21To60And61To100() {
        assertEquals(List.of(new LeadBin(1, 20), new LeadBin(21, 60), new LeadBin(61, 100)), LeadBin.study(100));
        assertEquals(List.of(new LeadBin(1, 1), new LeadBin(2, 2), new LeadBin(3, 3)), LeadBin.study(3));
    }

    @Test
    void averagesOverTrajectoriesAndBinsAndWritesJsonAndCsv(@TempDir Path dir) throws Exception {
        MetricTable t = new MetricTable(List.of("a", "b"), List.of("rho", "u"), 4);
        for (int lead = 1; lead <= 4; lead++) {
            t.add(0, lead, new double[] {lead, 10});
            t.add(0, lead, new double[] {lead + 2, 20});
            t.add(1, lead, new double[] {100, 0});
        }
        assertEquals(2.0, t.mean("a", 0, 1), 1e-15);     // (1 + 3) / 2
        assertEquals(15.0, t.mean("b", 0, 3), 1e-15);
        LeadBin late = new LeadBin(3, 4);
        assertEquals(4.5, t.binned("a", 0, late), 1e-15); // (4 + 5) / 2
        assertEquals((4.5 + 100) / 2, t.binnedOverChannels("a", late), 1e-12);

        List<LeadBin> bins = List.of(new LeadBin(1, 2), late);
        t.writeJson(dir.resolve("metrics.json"), bins);
        t.writeCsvByLead(dir.resolve("by-lead.csv"));
        t.writeCsvByBin(dir.resolve("by-bin.csv"), bins);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertEquals(3.0, json.at("/per_lead/a/rho/1").asDouble(), 1e-12);
        assertEquals(4.5, json.at("/bins/1/metrics/a/rho").asDouble(), 1e-12);
        assertEquals(52.25, json.at("/bins/1/metrics/a/mean").asDouble(), 1e-12);
        assertEquals(2, json.at("/trajectories_per_lead/0").asInt());
        List<String> csv = Files.readAllLines(dir.resolve("by-lead.csv"));
        assertEquals("metric,channel,lead,value,trajectories", csv.get(0));
        assertTrue(csv.contains("a,rho,2,3.00000000,2"), csv.toString());
        assertEquals(1 + 2 * 2 * 3, Files.readAllLines(dir.resolve("by-bin.csv")).size());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }
}
