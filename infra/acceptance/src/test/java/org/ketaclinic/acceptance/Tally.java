package org.ketaclinic.acceptance;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the suites count and print: requests sent, answers by status, server errors inside
 * and outside the windows in which a fault was injected, and effects checked.
 */
final class Tally {

	final AtomicInteger requests = new AtomicInteger();

	final AtomicInteger serverErrorsOutsideFaults = new AtomicInteger();

	final AtomicInteger unavailableDuringFaults = new AtomicInteger();

	final AtomicInteger internalErrors = new AtomicInteger();

	final AtomicInteger connectionsRefused = new AtomicInteger();

	final AtomicInteger effectsChecked = new AtomicInteger();

	final AtomicInteger faultsInjected = new AtomicInteger();

	final AtomicInteger journeysCompleted = new AtomicInteger();

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	private volatile boolean inFault;

	void faultWindow(boolean open) {
		this.inFault = open;
	}

	boolean inFault() {
		return this.inFault;
	}

	synchronized void answered(int status) {
		this.requests.incrementAndGet();
		this.statuses.merge(status, 1, Integer::sum);
		if (status == 500) {
			this.internalErrors.incrementAndGet();
		}
		if (status >= 500) {
			if (this.inFault) {
				this.unavailableDuringFaults.incrementAndGet();
			}
			else {
				this.serverErrorsOutsideFaults.incrementAndGet();
			}
		}
	}

	void refused() {
		this.requests.incrementAndGet();
		this.connectionsRefused.incrementAndGet();
	}

	/** Counts one checked effect (an exact count or a state that must hold). */
	void effect() {
		this.effectsChecked.incrementAndGet();
	}

	synchronized Map<Integer, Integer> statuses() {
		return Map.copyOf(this.statuses);
	}

}
