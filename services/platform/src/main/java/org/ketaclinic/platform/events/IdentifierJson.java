package org.ketaclinic.platform.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;

import org.ketaclinic.events.Identifier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.module.SimpleModule;

/**
 * Typed ids ({@link Identifier}: {@code PatientId}, {@code SessionId}, ...) as JSON: the
 * plain UUID string they were before they were typed, so the wire format of every event
 * stays as it is (ADR 17). Used by the event mapping and, through Boot's mapper, by any
 * response that carries an id.
 */
public final class IdentifierJson {

	private IdentifierJson() {
	}

	/** The module that writes and reads every {@link Identifier} record as its UUID. */
	public static JacksonModule module() {
		return new IdentifierModule();
	}

	private static final class IdentifierModule extends SimpleModule {

		IdentifierModule() {
			super("ketaclinic-identifiers");
			addSerializer(Identifier.class, new IdentifierSerializer());
		}

		@Override
		public void setupModule(SetupContext context) {
			super.setupModule(context);
			context.addDeserializers(new IdentifierDeserializers());
		}

	}

	private static final class IdentifierSerializer extends ValueSerializer<Identifier> {

		@Override
		public void serialize(Identifier id, JsonGenerator generator, SerializationContext context) {
			generator.writeString(id.value().toString());
		}

	}

	private static final class IdentifierDeserializers extends Deserializers.Base {

		@Override
		public ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
				BeanDescription.Supplier description) {
			return hasDeserializerFor(config, type.getRawClass()) ? new IdentifierDeserializer(type.getRawClass())
					: null;
		}

		@Override
		public boolean hasDeserializerFor(DeserializationConfig config, Class<?> type) {
			return Identifier.class.isAssignableFrom(type) && type.isRecord();
		}

	}

	private static final class IdentifierDeserializer extends ValueDeserializer<Identifier> {

		private final Constructor<?> constructor;

		IdentifierDeserializer(Class<?> type) {
			try {
				this.constructor = type.getConstructor(UUID.class);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(type.getName() + " is an id record of one UUID", ex);
			}
		}

		@Override
		public Identifier deserialize(JsonParser parser, DeserializationContext context) {
			UUID value = context.readValue(parser, UUID.class);
			try {
				return (Identifier) this.constructor.newInstance(value);
			}
			catch (InvocationTargetException | InstantiationException | IllegalAccessException ex) {
				return (Identifier) context.handleInstantiationProblem(this.constructor.getDeclaringClass(), value, ex);
			}
		}

	}

}
