package io.latentemu.examples.cli;

import io.latentemu.examples.CustomBackbone;
import io.latentemu.examples.IterateDataset;
import io.latentemu.examples.RolloutFromState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./emulator example NAME [ARGS...]}: runs one of the example programs of io.latentemu.examples. */
@Command(name = "example", mixinStandardHelpOptions = true,
        header = "Run an example program (iterate-dataset, custom-backbone, rollout-from-state).",
        description = {"Runs an example program (source in emulator-examples/src/main/java/io/latentemu/examples):",
                "  iterate-dataset DATASET_DIR                       IterateDataset",
                "  custom-backbone DATASET_DIR [STEPS]               CustomBackbone",
                "  rollout-from-state EMULATOR_RUN [LEADS] [GIF]     RolloutFromState"})
public final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "iterate-dataset, custom-backbone or rollout-from-state")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the example's arguments")
    List<String> args = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String[] a = args.toArray(String[]::new);
        PrintWriter out = spec.commandLine().getOut();
        switch (name) {
            case "iterate-dataset" -> IterateDataset.run(a, out);
            case "custom-backbone" -> CustomBackbone.run(a, out);
            case "rollout-from-state" -> RolloutFromState.run(a, out);
            default -> throw new IllegalArgumentException("unknown example '" + name
                    + "'; known: iterate-dataset, custom-backbone, rollout-from-state");
        }
        out.flush();
        return 0;
    }
}
