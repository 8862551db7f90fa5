package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.latentemu.data.well.BoundaryType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration records: Jackson round trips, overrides and validation. */
class BuiltInSimulatorTest {

    @Test
    void everyDefaultConfigurationSurvivesAJsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (BuiltInSimulator s : BuiltInSimulator.values()) {
            Object defaults = s.defaults();
            Object back = json.readValue(json.writeValueAsString(defaults), s.configType());
            assertEquals(defaults, back, s.cliName());
            assertEquals(s, BuiltInSimulator.byName(s.cliName().toUpperCase()));
        }
    }

    @Test
    void overridesMergeIntoTheDefaultsFieldByField() throws Exception {
        Object config = BuiltInSimulator.EULER.configure(new YAMLMapper().readTree(
                "resolution: 32\nboundary: OPEN\ngammas: [1.3, 1.5]\ndensity: {max: 3.0}\n"));
        EulerConfig euler = (EulerConfig) config;
        EulerConfig defaults = EulerConfig.defaults();
        assertEquals(32, euler.resolution());
        assertEquals(BoundaryType.OPEN, euler.boundary());
        assertEquals(List.of(1.3, 1.5), euler.gammas());
        assertEquals(new SamplingRange(defaults.density().min(), 3.0, defaults.density().logUniform()), euler.density());
        assertEquals(defaults.pressure(), euler.pressure());
        assertEquals("euler_multi_quadrants_openBC", BuiltInSimulator.EULER.create(config).datasetName());
    }

    @Test
    void unknownFieldsAndInvalidValuesAreRejectedWithTheirName() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BuiltInSimulator.GRAY_SCOTT.configure(yaml.readTree("feed: 0.1")));
        assertTrue(unknown.getMessage().contains("feed"), unknown.getMessage());
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> BuiltInSimulator.NAVIER_STOKES.configure(yaml.readTree("resolution: 47")));
        assertTrue(invalid.getMessage().contains("even"), invalid.getMessage());
        IllegalArgumentException wall = assertThrows(IllegalArgumentException.class,
                () -> BuiltInSimulator.EULER.configure(yaml.readTree("boundary: WALL")));
        assertTrue(wall.getMessage().contains("WALL"), wall.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuiltInSimulator.byName("heat"));
    }
}
