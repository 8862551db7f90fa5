package io.latentemu.data.sim;

import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

/** The saving loop shared by the simulators: frame 0 is the current state, then one output interval per frame. */
final class FrameLoop {

    /** Writes the channels of a solver's current state, {@code [C, H, W]} floats, at an offset. */
    @FunctionalInterface
    interface FrameWriter {
        void write(float[] out, int offset);
    }

    private FrameLoop() {
    }

    /**
     * Records {@code simulator.frames()} frames: writes the current state, then repeatedly advances by
     * {@code simulator.outputInterval()} and writes again.
     */
    static SimulatedTrajectory record(Simulator simulator, double[] parameters, FrameListener listener,
                                      DoubleConsumer advance, FrameWriter writer, LongSupplier solverSteps) {
        int n = simulator.resolution();
        int frameSize = simulator.channels() * n * n;
        int frames = simulator.frames();
        float[] fields = new float[frames * frameSize];
        double[] times = new double[frames];
        for (int t = 0; t < frames; t++) {
            if (t > 0) {
                advance.accept(simulator.outputInterval());
            }
            writer.write(fields, t * frameSize);
            times[t] = t * simulator.outputInterval();
            listener.frameDone(t + 1, frames);
        }
        return new SimulatedTrajectory(fields, times, simulator.channels(), n, parameters.clone(),
                solverSteps.getAsLong());
    }

    /** Checks the number of parameters a simulator was given. */
    static void checkParameters(Simulator simulator, double[] parameters) {
        if (parameters.length != simulator.parameterNames().size()) {
            throw new IllegalArgumentException(simulator.datasetName() + " takes parameters "
                    + simulator.parameterNames() + ", got " + parameters.length + " values");
        }
    }
}
