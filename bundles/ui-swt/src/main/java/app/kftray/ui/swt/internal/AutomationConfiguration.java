package app.kftray.ui.swt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the UI automation hook. The hook is not part of the product: a test-only fragment
 * of this bundle adds it (see {@link DesktopExtension}); without the fragment nothing listens.
 */
@ObjectClassDefinition(name = "kftray desktop UI automation",
        description = "Loopback command socket for driving the desktop UI from tests (only with the automation fragment)")
@interface AutomationConfiguration {
    /** Persistent identity of this configuration. */
    String PID = "app.kftray.ui.swt.automation";

    @AttributeDefinition(name = "Port", description = "Loopback port of the automation socket; 0 picks a free one",
            min = "0", max = "65535")
    int port() default 0;
}
