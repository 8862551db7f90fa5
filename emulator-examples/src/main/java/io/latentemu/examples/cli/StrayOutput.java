package io.latentemu.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what libraries print to {@code System.out} (SameDiff prints a line per differentiated op when it
 * builds a gradient) to the log file, line by line, so that the terminal shows only the emulator's own
 * output. Commands write to picocli's {@code getOut()}, which keeps the real standard output.
 */
final class StrayOutput extends OutputStream {

    /** Not under io.latentemu: reaches the log file only. */
    private static final Logger LOG = LoggerFactory.getLogger("stdout");

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** Replaces {@code System.out} and returns the original stream, for the command's own output. */
    static PrintStream install() {
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(new StrayOutput(), true, StandardCharsets.UTF_8));
        return terminal;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        line.reset();
        if (!text.isEmpty()) {
            LOG.info(text);
        }
    }
}
