package app.kftray.protocol.socks5.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.socksx.v5.Socks5AddressDecoder;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;

/**
 * Netty's address decoder, but an unknown address type fails with its own exception, so
 * the reply can say "address type not supported" rather than a general failure.
 */
final class KnownAddressTypes implements Socks5AddressDecoder {
    static final KnownAddressTypes INSTANCE = new KnownAddressTypes();

    private KnownAddressTypes() {
    }

    /** The request named an address type other than IPv4, domain or IPv6. */
    static final class Unsupported extends DecoderException {
        private static final long serialVersionUID = 1L;

        Unsupported(Socks5AddressType type) {
            super("unsupported address type " + (type.byteValue() & 0xff));
        }
    }

    @Override
    public String decodeAddress(Socks5AddressType type, ByteBuf in) throws Exception {
        if (type != Socks5AddressType.IPv4 && type != Socks5AddressType.DOMAIN && type != Socks5AddressType.IPv6) {
            throw new Unsupported(type);
        }
        return DEFAULT.decodeAddress(type, in);
    }
}
