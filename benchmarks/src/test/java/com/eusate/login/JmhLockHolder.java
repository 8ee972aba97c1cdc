package com.eusate.login;

import java.io.RandomAccessFile;
import java.nio.channels.FileLock;

/**
 * Another JMH run, as far as the lock goes: takes the lock on the file named by its argument (as JMH
 * does on java.io.tmpdir/jmh.lock) and says "locked" on stdout, or says "locked" too when a real JMH
 * run already holds it; then waits until its stdin closes, holding what it took.
 */
public final class JmhLockHolder {

    private JmhLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(args[0], "rw");
             FileLock lock = file.getChannel().tryLock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
