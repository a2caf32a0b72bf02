package io.vaultsync.distribution.strategy;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import io.vaultsync.distribution.DistributionException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Renders a Mustache template with a downstream's variables. Strict: a variable the template names that the
 * variables do not hold is an error naming the template and the variable (never an empty string). Values are
 * written as they are (no HTML escaping: the outputs are Markdown and YAML); partials are refused (a template
 * reads nothing but its variables).
 */
public final class Templates {
    private Templates() {
    }

    /** The rendered text; {@code file} names the template in errors. */
    public static String render(String file, String template, Map<String, Object> variables) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(name -> {
            throw new DistributionException(file + ": partials ({{> " + name + "}}) are not allowed in a template");
        }) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        factory.setObjectHandler(new ReflectionObjectHandler() {
            @Override
            public Wrapper find(String name, List<Object> scopes) {
                Wrapper w = super.find(name, scopes);
                if (w instanceof MissingWrapper) {
                    throw new MissingVariable(name);
                }
                return w;
            }
        });
        try {
            Mustache m = factory.compile(new StringReader(template), file);
            StringWriter out = new StringWriter();
            m.execute(out, List.of(variables)).flush();
            return out.toString();
        } catch (MissingVariable e) {
            throw new DistributionException(file + ": template variable '" + e.name + "' is not set for this downstream"
                    + " (registry: downstreams.<repo>.variables; set: " + String.join(", ", new java.util.TreeSet<>(variables.keySet())) + ")");
        } catch (MustacheException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
                if (cause instanceof MissingVariable mv) {
                    throw new DistributionException(file + ": template variable '" + mv.name + "' is not set for this downstream"
                            + " (set: " + String.join(", ", new java.util.TreeSet<>(variables.keySet())) + ")");
                }
                if (cause instanceof DistributionException de) {
                    throw de;
                }
            }
            throw new DistributionException(file + ": not a valid Mustache template: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }

    /** Thrown from inside Mustache's lookup, caught in {@link #render}. */
    private static final class MissingVariable extends RuntimeException {
        private final String name;

        MissingVariable(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }
}
