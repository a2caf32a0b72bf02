package io.vaultsync.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sets a command's {@link LogLevels} in Logback: configures it again as on start-up (the agent's
 * {@code logback.xml}), with the levels as context variables. Without Logback behind SLF4J (a library's
 * own tests) nothing happens; nor when {@code -Dvaultsync.log.level} was given (an explicit level wins).
 */
final class LogbackLevels {
    private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

    private LogbackLevels() {}

    static void apply(LogLevels levels) {
        if (System.getProperty(LogLevels.LEVEL) != null) return;
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // by name: this class is loaded, and Logback touched, only where Logback is on the class path
        if (LOGBACK.equals(factory.getClass().getName())) Reconfigure.with(factory, levels.variables());
    }

    private static final class Reconfigure {
        static void with(ILoggerFactory factory, Map<String, String> variables) {
            LoggerContext ctx = (LoggerContext) factory;
            if (current(ctx, variables)) return;
            long since = System.currentTimeMillis();
            ctx.reset(); // drops the context's variables too
            variables.forEach(ctx::putProperty);
            try {
                new ContextInitializer(ctx).autoConfig(); // the file Logback finds on start-up, read again
            } catch (JoranException e) {
                // as Logback does when its file is wrong at start-up, but on stderr: stdout is the command's
                StatusPrinter2 p = new StatusPrinter2();
                p.setPrintStream(System.err);
                p.printInCaseOfErrorsOrWarnings(ctx, since);
            }
        }

        /** Whether the context already runs with these variables (as configured at start-up, or by the same command before). */
        private static boolean current(LoggerContext ctx, Map<String, String> variables) {
            for (var d : LogLevels.DEFAULTS.entrySet()) { // unset is the file's default: start-up already has it
                String now = ctx.getProperty(d.getKey());
                if (!(now == null ? d.getValue() : now).equals(variables.getOrDefault(d.getKey(), d.getValue()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
