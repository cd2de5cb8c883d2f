package org.ketaclinic.platform.inbox;

import org.ketaclinic.platform.events.IncomingEvent;

/** Applies one event to the service's state, inside the inbox transaction. */
@FunctionalInterface
public interface EventHandler {

	void handle(IncomingEvent event);

}
