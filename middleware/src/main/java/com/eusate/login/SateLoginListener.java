package com.eusate.login;

/**
 * Receives every {@link SateLoginEvent}, e.g. to feed the app's metrics or audit log. Called on the
 * request thread: keep it quick. An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SateLoginListener {

    SateLoginListener NONE = event -> { };

    void onEvent(SateLoginEvent event);
}
