package io.vaultsync.cli;

import io.vaultsync.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Lets picocli reject a bad duration as a usage error, with the accepted forms in the message. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
