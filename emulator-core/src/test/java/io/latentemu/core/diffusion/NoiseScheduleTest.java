package io.latentemu.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    private static final List<NoiseSchedule> ALL = List.of(LogLinearSchedule.standard(), LogLogitSchedule.standard(),
            VariancePreservingSchedule.standard(), CosineSchedule.standard(), RectifiedFlowSchedule.standard(),
            EdmSchedule.standard());

    @Test
    void endpointsAreTheConfiguredNoiseLevels() {
        assertEquals(1e-3, LogLinearSchedule.standard().sigma(0), 1e-15);
        assertEquals(1e3, LogLinearSchedule.standard().sigma(1), 1e-9);
        assertEquals(1e-3, LogLogitSchedule.standard().sigma(0), 1e-15);
        assertEquals(1e3, LogLogitSchedule.standard().sigma(1), 1e-8);
        assertEquals(0.002, EdmSchedule.standard().sigma(0), 1e-15);
        assertEquals(80, EdmSchedule.standard().sigma(1), 1e-12);
        assertEquals(1e-3, CosineSchedule.standard().noiseToSignal(0), 1e-15);
        assertEquals(1e3, CosineSchedule.standard().noiseToSignal(1), 1e-8);
        assertEquals(1e-3, RectifiedFlowSchedule.standard().noiseToSignal(0), 1e-15);
        assertEquals(1e3, RectifiedFlowSchedule.standard().noiseToSignal(1), 1e-8);
        VariancePreservingSchedule vp = VariancePreservingSchedule.standard();
        assertEquals(0.0, vp.sigma(0));
        assertEquals(1.0, vp.alpha(0));
        // alpha(1) = exp(-(0.1 + 19.9/2)/2)
        assertEquals(Math.exp(-0.5 * (0.1 + 9.95)), vp.alpha(1), 1e-15);
    }

    @Test
    void logLogitMatchesTheStudysFormula() {
        // sigma = exp(logit(t (tmax - tmin) + tmin)), tmin/max = s/(1+s), written out independently
        double tMin = 1e-3 / (1 + 1e-3);
        double tMax = 1e3 / (1 + 1e3);
        for (double t : new double[] {0.1, 0.37, 0.5, 0.9}) {
            double u = t * (tMax - tMin) + tMin;
            assertEquals(Math.exp(Math.log(u) - Math.log1p(-u)), LogLogitSchedule.standard().sigma(t), 1e-12);
        }
        assertEquals(1.0, LogLogitSchedule.standard().sigma(0.5), 1e-12);
    }

    @Test
    void noiseToSignalIncreasesStrictlyAndVariancePreservingOnesPreserveVariance() {
        for (NoiseSchedule s : ALL) {
            double prev = -1;
            for (int i = 0; i <= 1000; i++) {
                double t = i / 1000.0;
                double r = s.noiseToSignal(t);
                assertTrue(r > prev, s + " at t=" + t);
                assertTrue(s.alpha(t) > 0 && s.sigma(t) >= 0, s + " at t=" + t);
                prev = r;
            }
        }
        for (NoiseSchedule s : List.of(VariancePreservingSchedule.standard(), CosineSchedule.standard())) {
            for (double t : new double[] {0, 0.3, 1}) {
                assertEquals(1.0, s.alpha(t) * s.alpha(t) + s.sigma(t) * s.sigma(t), 1e-14, s + " at " + t);
            }
        }
        RectifiedFlowSchedule rf = RectifiedFlowSchedule.standard();
        for (double t : new double[] {0, 0.3, 1}) {
            assertEquals(1.0, rf.alpha(t) + rf.sigma(t), 1e-15);
        }
    }

    @Test
    void rectifiedFlowIsTheLogLogitScheduleInVarianceExplodingForm() {
        for (double t : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            assertEquals(LogLogitSchedule.standard().sigma(t), RectifiedFlowSchedule.standard().noiseToSignal(t),
                    1e-12 * LogLogitSchedule.standard().sigma(t));
        }
    }

    @Test
    void badArgumentsFailEarly() {
        assertThrows(IllegalArgumentException.class, () -> new LogLogitSchedule(1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EdmSchedule(0.002, 80, 0));
        assertThrows(IllegalArgumentException.class, () -> LogLogitSchedule.standard().sigma(1.5));
        assertThrows(IllegalArgumentException.class, () -> LogLogitSchedule.standard().sigma(Double.NaN));
    }

    @Test
    void schedulesRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (NoiseSchedule s : ALL) {
            String json = mapper.writeValueAsString(s);
            assertTrue(json.contains("\"type\""), json);
            assertEquals(s, mapper.readValue(json, NoiseSchedule.class));
        }
    }
}
