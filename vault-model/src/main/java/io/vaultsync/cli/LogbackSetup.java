package io.vaultsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link LogSetup} to Logback through its API (no configuration file is read). Without Logback
 * behind SLF4J (a library's own tests) nothing happens: the Logback classes are touched only in the nested
 * classes, which load when Logback is there.
 */
final class LogbackSetup {
    private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";
    private static final String TIME = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} ";

    private LogbackSetup() {}

    /** Configures Logback as {@code setup} says; throws IllegalArgumentException if the log file cannot be opened. */
    static void apply(LogSetup setup) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (LOGBACK.equals(factory.getClass().getName())) Apply.to(factory, setup);
    }

    /**
     * Loads and sets up Logback's classes (a pattern compiled, an appender made and stopped) in a context of its
     * own, thrown away after: the real set-up then finds them ready. SLF4J is not touched, so this may run on
     * another thread while the main one starts logging (SLF4J hands out stand-in loggers to a thread that asks
     * while another is initialising it, and the command's log options would miss Logback).
     */
    static void prepare() {
        try {
            Class.forName(LOGBACK, false, LogbackSetup.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return; // no Logback behind SLF4J
        }
        Apply.warm();
    }

    /**
     * Logback's start-up configuration, found through {@code META-INF/services} in the agents' jars: the
     * {@link LogSetup#DEFAULT} setup, built in code (cheaper than reading a file), until a command's
     * options are read.
     */
    @ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
    public static final class Startup extends ContextAwareBase implements Configurator {
        @Override
        public ExecutionStatus configure(LoggerContext ctx) {
            Apply.build(ctx, LogSetup.DEFAULT);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
    }

    private static final class Apply {
        /** The setup the context runs with, kept in the context itself (no static state). */
        private static final String CURRENT = LogSetup.class.getName();

        static void to(ILoggerFactory factory, LogSetup setup) {
            LoggerContext ctx = (LoggerContext) factory;
            if (setup.equals(ctx.getObject(CURRENT))) return; // the common case: start-up already has it
            ctx.reset();
            build(ctx, setup);
        }

        static void warm() {
            LoggerContext scratch = new LoggerContext();
            build(scratch, LogSetup.DEFAULT);
            scratch.stop();
        }

        static void build(LoggerContext ctx, LogSetup s) {
            OutputStreamAppender<ILoggingEvent> appender = s.file() == null ? console(ctx) : rolling(ctx, s.file());
            appender.setEncoder(encoder(ctx, s));
            appender.start();
            if (!appender.isStarted()) {
                throw new IllegalArgumentException("--log-file: cannot write " + s.file().path());
            }
            Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(level(s.level()));
            root.addAppender(appender);
            ctx.getLogger("org.eclipse.jgit").setLevel(level(s.jgitLevel()));
            ctx.getLogger("org.apache.sshd").setLevel(level(s.sshLevel()));
            ctx.getLogger("org.eclipse.jgit.internal.transport.sshd").setLevel(level(s.sshLevel()));
            // reading the commit signing key: nothing a person needs below a warning, and never its parser's state
            Level keys = level(s.sshLevel()).isGreaterOrEqual(Level.WARN) ? level(s.sshLevel()) : Level.WARN;
            ctx.getLogger("org.apache.sshd.common.config.keys").setLevel(keys);
            ctx.getLogger("org.apache.sshd.common.util.security").setLevel(keys);
            ctx.putObject(CURRENT, s);
        }

        private static OutputStreamAppender<ILoggingEvent> console(LoggerContext ctx) {
            ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
            a.setContext(ctx);
            a.setName("STDERR");
            a.setTarget("System.err"); // stdout is the command's own output (status --json, ...)
            return a;
        }

        private static OutputStreamAppender<ILoggingEvent> rolling(LoggerContext ctx, LogSetup.Rolling r) {
            RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
            a.setContext(ctx);
            a.setName("FILE");
            String file = r.path().toAbsolutePath().toString();
            a.setFile(file);
            SizeAndTimeBasedRollingPolicy<ILoggingEvent> p = new SizeAndTimeBasedRollingPolicy<>();
            p.setContext(ctx);
            p.setParent(a);
            String base = file.endsWith(".log") ? file.substring(0, file.length() - 4) : file;
            p.setFileNamePattern(base + ".%d{yyyy-MM-dd}.%i.log");
            p.setMaxFileSize(new FileSize(r.maxBytes()));
            p.setMaxHistory(r.history());
            p.setTotalSizeCap(new FileSize(r.totalCapBytes()));
            p.start();
            a.setRollingPolicy(p);
            return a;
        }

        private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, LogSetup s) {
            if (s.style() == LogSetup.Style.JSON) {
                JsonEncoder e = new JsonEncoder();
                e.setContext(ctx);
                e.setWithSequenceNumber(false);
                e.setWithNanoseconds(false);
                e.setWithContext(false);
                e.setWithMDC(false);
                e.setWithKVPList(false);
                e.setWithMarkers(false);
                e.setWithMessage(false); // the pattern with {} ...
                e.setWithArguments(false);
                e.setWithFormattedMessage(true); // ... and its arguments: one readable message instead
                e.setWithThrowable(s.stackTraces());
                e.start();
                return e;
            }
            PatternLayoutEncoder e = new PatternLayoutEncoder();
            e.setContext(ctx);
            String line = "%-5level %logger{0} - %msg%n" + (s.stackTraces() ? "%ex" : "%nopex");
            if (s.style() == LogSetup.Style.JOURNAL) {
                registry(ctx).put("syslogPriority", SyslogPriority::new);
                e.setPattern("%syslogPriority" + line.replace("%-5level ", ""));
            } else {
                e.setPattern(TIME + line);
            }
            e.start();
            return e;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Supplier<DynamicConverter<?>>> registry(LoggerContext ctx) {
            Object m = ctx.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
            if (m == null) {
                m = new HashMap<String, Supplier<DynamicConverter<?>>>();
                ctx.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, m);
            }
            return (Map<String, Supplier<DynamicConverter<?>>>) m;
        }

        private static Level level(LogSetup.Level l) {
            return Level.toLevel(l.name());
        }
    }

    /** {@code <N>}: the syslog priority of the event's level, which journald reads off the start of a line. */
    public static final class SyslogPriority extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent e) {
            return switch (e.getLevel().toInt()) {
                case Level.ERROR_INT -> "<3>";
                case Level.WARN_INT -> "<4>";
                case Level.INFO_INT -> "<6>";
                default -> "<7>";
            };
        }
    }
}
