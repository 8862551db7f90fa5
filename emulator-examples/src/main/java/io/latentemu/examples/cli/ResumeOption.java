package io.latentemu.examples.cli;

import picocli.CommandLine.Option;

/** {@code --resume} of the commands whose work survives an interruption, as a picocli mixin. */
public final class ResumeOption {

    @Option(names = "--resume", description = "continue an interrupted step (training from its newest checkpoint; "
            + "an interrupted encoding, rollout or evaluation is redone)")
    boolean resume;

    /** Whether {@code --resume} was given. */
    public boolean requested() {
        return resume;
    }
}
