package org.ketaclinic.platform.inbox;

import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.GenericMessageListener;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Hands a record straight to this service's own listener of its topic, on the calling
 * thread and as that listener's consumer group, the way its container would have. A
 * dead-letter replay goes this way rather than back onto the original topic: the topic
 * belongs to the service that publishes it, and under the Kafka ACLs of {@code infra/k8s}
 * no consumer may write to it (issue 19). The listener's inbox joins the caller's
 * transaction, so the replay's record and the event's effects commit together or not at
 * all.
 */
public class ListenerRedelivery {

	private final KafkaListenerEndpointRegistry registry;

	public ListenerRedelivery(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Delivers a record to the listener of its topic in the given consumer group.
	 * @param record the record, with its original topic
	 * @param consumerGroup the group that gave up on it, or {@code null} for the
	 * service's only listener of the topic
	 * @throws IllegalStateException if this service has no such listener
	 * @throws RuntimeException whatever the listener throws (unwrapped from the adapter's
	 * {@link ListenerExecutionFailedException})
	 */
	@SuppressWarnings("unchecked")
	public void redeliver(ConsumerRecord<String, byte[]> record, String consumerGroup) {
		MessageListenerContainer container = listenerOf(record.topic(), consumerGroup)
			.orElseThrow(() -> new IllegalStateException("This service has no listener of " + record.topic()
					+ ((consumerGroup != null) ? " in consumer group " + consumerGroup : "")));
		Object listener = container.getContainerProperties().getMessageListener();
		String previous = KafkaUtils.getConsumerGroupId();
		KafkaUtils.setConsumerGroupId(container.getGroupId());
		try {
			((GenericMessageListener<ConsumerRecord<String, byte[]>>) listener).onMessage(record, null, null);
		}
		catch (ListenerExecutionFailedException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
		finally {
			if (previous != null) {
				KafkaUtils.setConsumerGroupId(previous);
			}
			else {
				KafkaUtils.clearConsumerGroupId();
			}
		}
	}

	/** Whether this service listens to the topic in the group. */
	public boolean listensTo(String topic, String consumerGroup) {
		return listenerOf(topic, consumerGroup).isPresent();
	}

	private Optional<MessageListenerContainer> listenerOf(String topic, String consumerGroup) {
		return this.registry.getAllListenerContainers()
			.stream()
			.filter((container) -> container.getContainerProperties().getTopics() != null
					&& Arrays.asList(container.getContainerProperties().getTopics()).contains(topic))
			.filter((container) -> consumerGroup == null || consumerGroup.equals(container.getGroupId()))
			.findFirst();
	}

}
