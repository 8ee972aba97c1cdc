package com.eusate.login.spring;

/** What became of the requests that carried a Sate token, for metrics. Implementations are thread-safe. */
interface SateTokenOutcomes {

    SateTokenOutcomes NONE = new SateTokenOutcomes() {
        @Override
        public void accepted() {
        }

        @Override
        public void refused(int status) {
        }
    };

    /** The token verified; the request went on as its customer. */
    void accepted();

    /** The token filter answered: 401 invalid token, 413 body too large, 503 revocations unavailable. */
    void refused(int status);
}
