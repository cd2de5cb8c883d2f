package org.ketaclinic.local;

/**
 * A Java agent loaded into every process the launcher starts: when the launcher's process
 * ends, however it ends (Ctrl-C, kill, kill -9), the child exits too, running its own
 * shutdown hooks, so no process is left behind. The agent argument is the launcher's
 * process id.
 */
public final class ParentWatchdog {

	private ParentWatchdog() {
	}

	public static void premain(String parentPid) {
		if (parentPid == null || parentPid.isBlank()) {
			return;
		}
		ProcessHandle.of(Long.parseLong(parentPid.trim()))
			.ifPresentOrElse((parent) -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
	}

}
