package com.eusate.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** Takes a screenshot at each step of a browser test and writes them under target/ if the test fails. */
final class ScreenshotsOnFailure implements TestWatcher {

    private record Shot(String step, byte[] png) {
    }

    private final List<Shot> shots = new ArrayList<>();

    void step(WebDriver driver, String name) {
        shots.add(new Shot(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES)));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path dir = Path.of("target", "screenshots", context.getRequiredTestMethod().getName());
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < shots.size(); i++) {
                Files.write(dir.resolve(String.format("%02d-%s.png", i + 1, shots.get(i).step())), shots.get(i).png());
            }
            System.err.println("Screenshots of each step: " + dir.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("Could not write screenshots: " + e);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        shots.clear();
    }
}
