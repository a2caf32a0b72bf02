package io.vaultsync.cli;

import io.vaultsync.ops.HttpAddress;
import picocli.CommandLine;

/** Lets picocli reject a bad {@code --http} address as a usage error, with the accepted forms in the message. */
public final class HttpAddressConverter implements CommandLine.ITypeConverter<HttpAddress> {
    @Override
    public HttpAddress convert(String value) {
        try {
            return HttpAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
