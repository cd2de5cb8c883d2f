package org.ketaclinic.local;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child started with the watchdog agent exits when its parent process ends, even though
 * nothing signals it: the guarantee behind "killing the launcher leaves no process
 * behind".
 */
class ParentWatchdogIT {

	@Test
	void aChildExitsOnceItsParentProcessHasEnded() throws Exception {
		Process parent = new ProcessBuilder("sleep", "2").start();
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-javaagent:" + Path.of("target/ketaclinic-local-watchdog.jar").toAbsolutePath() + "=" + parent.pid(),
				"-cp", System.getProperty("java.class.path"), SleepsForAMinute.class.getName())
			.inheritIO()
			.start();

		assertThat(child.waitFor(1, TimeUnit.SECONDS)).as("still running while the parent lives").isFalse();
		assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(child.waitFor(15, TimeUnit.SECONDS)).as("exited after the parent ended").isTrue();
	}

	/** Stands in for a service: runs far longer than the test waits. */
	public static final class SleepsForAMinute {

		public static void main(String[] args) throws InterruptedException {
			Thread.sleep(60_000);
		}

	}

}
