package io.latentemu.core.train;

/** Observes a training run step by step (e.g. to plot, validate or stop early by throwing). */
@FunctionalInterface
public interface TrainingListener {

    /** Called after each step, once its update and any checkpoint are done. */
    void onStep(StepRecord record);
}
