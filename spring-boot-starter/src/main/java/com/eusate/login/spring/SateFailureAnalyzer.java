package com.eusate.login.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link SateConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report. */
final class SateFailureAnalyzer extends AbstractFailureAnalyzer<SateConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SateConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the " + cause.prefix() + ".* property that the message"
                + " names (the names are the filter's init-params: " + cause.prefix() + ".api-key,"
                + " SATE_LOGIN_API_KEY in the environment). Pass secrets through the environment, for example"
                + " sate.login.api-key=${SATE_API_KEY}.", cause);
    }
}
