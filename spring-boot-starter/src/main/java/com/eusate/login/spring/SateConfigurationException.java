package com.eusate.login.spring;

/**
 * A {@code sate.login.*} or {@code sate.token.*} property is missing or wrong; the message is the
 * filter's own (it names the setting and the fix, never a secret's value). Stops the application
 * context, and Spring Boot's failure analysis turns it into a description and an action.
 */
public final class SateConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String prefix;

    SateConfigurationException(String prefix, String message, Throwable cause) {
        super((prefix.equals(SateProperties.LOGIN) ? "SateLoginFilter" : "SateTokenFilter") + " [" + prefix
                + "] is misconfigured: " + message, cause);
        this.prefix = prefix;
    }

    /** {@code sate.login} or {@code sate.token}: where the property that needs fixing lives. */
    public String prefix() {
        return prefix;
    }
}
