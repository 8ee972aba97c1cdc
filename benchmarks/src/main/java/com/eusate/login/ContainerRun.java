package com.eusate.login;

import java.util.List;

/** Placeholder until the container harness lands. */
final class ContainerRun {
    private ContainerRun() {
    }

    static List<String> rows(int rounds) {
        return List.of();
    }
}
