package com.eusate.login.signin;

/**
 * Receives every {@link SateLoginEvent}, e.g. to feed the app's metrics or audit log. Called on the
 * request thread (or, for a delivery that finished in the background, on the delivery's thread): keep
 * it quick. An exception thrown here is logged and otherwise ignored. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface SateLoginListener {

    void onEvent(SateLoginEvent event);
}
