package io.latentemu.examples.cli;

import io.latentemu.data.inspect.DatasetSummary;
import io.latentemu.data.well.WellDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./emulator inspect PATH}: describes a dataset directory or an HDF5 file in The Well's layout. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Describe a dataset in The Well's layout: a directory with stats.yaml and "
                + "data/{train,valid,test}/*.hdf5, or a single .hdf5/.h5 file.",
                "Prints name, grid, steps, trajectories per split, channels, simulation parameters, "
                        + "boundary conditions and per-channel mean and std; checks every file."})
public final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "dataset directory or HDF5 file")
    Path path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (WellDataset dataset = WellDataset.open(path)) {
            spec.commandLine().getOut().print(DatasetSummary.of(dataset).format());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
