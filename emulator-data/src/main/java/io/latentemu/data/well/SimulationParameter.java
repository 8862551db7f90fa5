package io.latentemu.data.well;

import java.util.Objects;

/**
 * A simulation parameter named in the root attribute {@code simulation_parameters}: constant for the whole
 * file, one value per trajectory ({@code sampleVarying}) and/or one per time step ({@code timeVarying}).
 */
public record SimulationParameter(String name, boolean sampleVarying, boolean timeVarying) {
    public SimulationParameter {
        Objects.requireNonNull(name, "name");
    }
}
