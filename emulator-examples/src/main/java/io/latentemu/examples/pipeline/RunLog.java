package io.latentemu.examples.pipeline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Copies the emulator's own log messages into a run's {@code log.txt} while a command works on that run,
 * so that every run directory carries its own record.
 */
public final class RunLog implements AutoCloseable {

    private final FileAppender<ILoggingEvent> appender;
    private final Logger logger;

    private RunLog(FileAppender<ILoggingEvent> appender, Logger logger) {
        this.appender = appender;
        this.logger = logger;
    }

    /** Starts appending {@code io.latentemu} messages to {@code run/log.txt}. */
    public static RunLog attach(RunDirectory run) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new RunLog(null, null); // another logging back-end: nothing to attach
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> fa = new FileAppender<>();
        fa.setContext(ctx);
        fa.setName("run-" + run.path());
        fa.setFile(run.file("log.txt").toString());
        fa.setAppend(true);
        fa.setEncoder(encoder);
        fa.start();
        Logger root = ctx.getLogger("io.latentemu");
        root.addAppender(fa);
        return new RunLog(fa, root);
    }

    /** Path of the log of a run. */
    public static Path of(RunDirectory run) {
        return run.file("log.txt");
    }

    @Override
    public void close() {
        if (appender != null) {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
