package io.latentemu.examples.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a subcommand into a one-line error on the terminal and exit status 1.
 * The full stack trace goes to the log file.
 */
final class CliExceptionHandler implements IExecutionExceptionHandler {

    /** Not under io.latentemu, so it reaches the log file only. */
    private static final Logger LOG = LoggerFactory.getLogger("errors");

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        LOG.error("command failed", ex);
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        cmd.getErr().println("error: " + message);
        return 1;
    }
}
