package io.latentemu.examples.pipeline;

import io.latentemu.core.diffusion.AdamsBashforthStep;
import io.latentemu.core.diffusion.DdimStep;
import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.diffusion.DpmSolver2MStep;
import io.latentemu.core.diffusion.HeunStep;
import io.latentemu.core.diffusion.NoiseSchedule;
import io.latentemu.core.diffusion.PredictorCorrectorStep;
import io.latentemu.core.diffusion.StepRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The samplers offered by name on the command line ({@code --sampler}) and in configuration files. */
public final class Samplers {

    private static final Map<String, Supplier<StepRule>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("adams-bashforth", () -> new AdamsBashforthStep(3));
        RULES.put("adams-bashforth-2", () -> new AdamsBashforthStep(2));
        RULES.put("euler", AdamsBashforthStep::euler);
        RULES.put("heun", HeunStep::new);
        RULES.put("ddim", () -> new DdimStep(0.0));
        RULES.put("ddpm", DdimStep::ddpm);
        RULES.put("dpm-solver-2m", DpmSolver2MStep::new);
        RULES.put("predictor-corrector", PredictorCorrectorStep::standard);
    }

    private Samplers() {
    }

    /** The names, default first. */
    public static java.util.Set<String> names() {
        return RULES.keySet();
    }

    /** Fails unless {@code name} is a known sampler. */
    public static void check(String name) {
        if (!RULES.containsKey(name)) {
            throw new IllegalArgumentException("unknown sampler '" + name + "'; known: " + String.join(", ", RULES.keySet()));
        }
    }

    /** The sampler {@code name} with {@code steps} steps on a model's noise schedule. */
    public static DiffusionSampler create(String name, int steps, NoiseSchedule schedule) {
        check(name);
        return new DiffusionSampler(schedule, steps, RULES.get(name).get());
    }
}
